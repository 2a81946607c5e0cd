using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>Calls <c>/services/oauth2/token</c> for every grant the platform uses.</summary>
internal static class TokenEndpoint
{
    private const string JwtBearerGrant = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public static async Task<SalesforceSession> RequestAsync(HttpClient http, Uri loginUrl, SalesforceCredentials credentials, TimeProvider time, CancellationToken cancellationToken)
    {
        var form = credentials switch
        {
            JwtBearerCredentials jwt => new Dictionary<string, string>
            {
                ["grant_type"] = JwtBearerGrant,
                ["assertion"] = Assertion(jwt, loginUrl, time.GetUtcNow()),
            },
            ClientCredentialsCredentials client => new()
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = client.ClientId,
                ["client_secret"] = client.ClientSecret,
            },
            RefreshTokenCredentials refresh => WithSecret(new()
            {
                ["grant_type"] = "refresh_token",
                ["client_id"] = refresh.ClientId,
                ["refresh_token"] = refresh.RefreshToken,
            }, refresh.ClientSecret),
            PasswordCredentials password when loginUrl.IsLoopback => new()
            {
                ["grant_type"] = "password",
                ["client_id"] = password.ClientId,
                ["client_secret"] = password.ClientSecret,
                ["username"] = password.Username,
                ["password"] = password.Password,
            },
            PasswordCredentials => throw new SalesforceAuthenticationException("unsupported_grant_type",
                "the username-password flow is only allowed against a local emulator (a loopback login URL); use JWT bearer or client credentials", 0),
            _ => throw new ArgumentException($"Unsupported credentials {credentials.GetType().Name}.", nameof(credentials)),
        };
        return await PostAsync(http, loginUrl, form, time, cancellationToken);
    }

    /// <summary>Exchanges a web-server flow authorization code; the session carries the refresh token.</summary>
    public static Task<SalesforceSession> ExchangeCodeAsync(HttpClient http, Uri loginUrl, string clientId, string? clientSecret, string code, Uri redirectUri, TimeProvider time, CancellationToken cancellationToken) =>
        PostAsync(http, loginUrl, WithSecret(new()
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri.ToString(),
        }, clientSecret), time, cancellationToken);

    private static async Task<SalesforceSession> PostAsync(HttpClient http, Uri loginUrl, Dictionary<string, string> form, TimeProvider time, CancellationToken cancellationToken)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri(loginUrl, "/services/oauth2/token"), content, cancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        if (!response.IsSuccessStatusCode || body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("access_token", out var token))
        {
            throw new SalesforceAuthenticationException(
                Text(body, "error") ?? "invalid_response",
                Text(body, "error_description") ?? $"the token endpoint answered {(int)response.StatusCode}",
                (int)response.StatusCode);
        }

        return new SalesforceSession(token.GetString()!, new Uri(Text(body, "instance_url")!), Text(body, "id")!, time.GetUtcNow())
        {
            RefreshToken = Text(body, "refresh_token"),
        };
    }

    /// <summary>The JWT bearer assertion: RS256 over {iss, sub, aud, exp}, valid for three minutes as Salesforce requires.</summary>
    internal static string Assertion(JwtBearerCredentials credentials, Uri loginUrl, DateTimeOffset now)
    {
        static string Encode(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = Encode(new { alg = "RS256" }) + "." + Encode(new
        {
            iss = credentials.ClientId,
            sub = credentials.Username,
            aud = credentials.Audience ?? loginUrl.GetLeftPart(UriPartial.Authority),
            exp = now.AddMinutes(3).ToUnixTimeSeconds(),
        });
        using var key = RSA.Create();
        key.ImportFromPem(credentials.PrivateKeyPem);
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return unsigned + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
    }

    private static Dictionary<string, string> WithSecret(Dictionary<string, string> form, string? secret)
    {
        if (secret is not null)
        {
            form["client_secret"] = secret;
        }

        return form;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
