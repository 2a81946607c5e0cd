using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Hosting;

/// <summary>
/// <c>/services/oauth2/*</c> and the identity URL: every grant a sync engine uses (JWT bearer, client credentials,
/// web-server flow with refresh tokens) plus the username-password flow, with Salesforce's response and error shapes.
/// </summary>
internal sealed class OAuthEndpoints(EmulatedOrg org, SalesforceEmulatorOptions options)
{
    private const string JwtBearer = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    public async Task TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, "invalid_request", "must use application/x-www-form-urlencoded");
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (clientId, clientSecret) = ClientCredentials(context, form);
        var grant = form["grant_type"].ToString();
        var baseUrl = BaseUrl(context);
        if (grant == JwtBearer)
        {
            await JwtAsync(context, form["assertion"].ToString(), baseUrl);
            return;
        }

        if (clientId is null || org.FindApp(clientId) is not { } app)
        {
            await ErrorAsync(context, "invalid_client_id", "client identifier invalid");
            return;
        }

        // The refresh-token grant may come from a public client that has no secret; every other grant proves the client.
        var clientProven = grant == "refresh_token" ? clientSecret is null || clientSecret == app.ClientSecret : clientSecret == app.ClientSecret;
        if (!clientProven && grant is "password" or "client_credentials" or "refresh_token" or "authorization_code")
        {
            await ErrorAsync(context, "invalid_client", "invalid client credentials");
            return;
        }

        switch (grant)
        {
            case "password":
                if (org.FindUser(form["username"].ToString()) is { } user && user.Password == form["password"].ToString())
                {
                    await IssueAsync(context, user, app, baseUrl, refreshToken: false, scope: null);
                }
                else
                {
                    await ErrorAsync(context, "invalid_grant", "authentication failure");
                }

                break;
            case "client_credentials":
                if ((app.RunAsUsername is null ? org.DefaultUser : org.FindUser(app.RunAsUsername)) is { } runAs)
                {
                    await IssueAsync(context, runAs, app, baseUrl, refreshToken: false, scope: "api");
                }
                else
                {
                    await ErrorAsync(context, "invalid_grant", "no client credentials user enabled");
                }

                break;
            case "refresh_token":
                if (org.Tokens.RedeemRefreshToken(form["refresh_token"].ToString(), app.ClientId) is { } refresh && org.FindUserById(refresh.UserId) is { } refreshUser)
                {
                    await IssueAsync(context, refreshUser, app, baseUrl, refreshToken: false, scope: "refresh_token api", from: form["refresh_token"].ToString());
                }
                else
                {
                    await ErrorAsync(context, "invalid_grant", "expired access/refresh token");
                }

                break;
            case "authorization_code":
                if (org.Tokens.RedeemCode(form["code"].ToString(), app.ClientId) is not { } code || org.FindUserById(code.UserId) is not { } codeUser)
                {
                    await ErrorAsync(context, "invalid_grant", "invalid authorization code");
                }
                else if (code.RedirectUri is not null && code.RedirectUri != form["redirect_uri"].ToString())
                {
                    await ErrorAsync(context, "invalid_grant", "redirect_uri must match configuration");
                }
                else
                {
                    await IssueAsync(context, codeUser, app, baseUrl, refreshToken: true, scope: "refresh_token api");
                }

                break;
            default:
                await ErrorAsync(context, "unsupported_grant_type", "grant type not supported");
                break;
        }
    }

    /// <summary>The web-server flow's consent page, approved at once (as the user named by login_hint, or the default user).</summary>
    public IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        var redirect = query["redirect_uri"].ToString();
        if (query["response_type"] != "code" || org.FindApp(query["client_id"].ToString()) is not { } app
            || !Uri.TryCreate(redirect, UriKind.Absolute, out _) || (app.RedirectUris.Count > 0 && !app.RedirectUris.Contains(redirect)))
        {
            return Results.Text("error=invalid_client_id: client identifier invalid or redirect_uri mismatch", statusCode: 400);
        }

        var user = query["login_hint"] is { Count: > 0 } hint ? org.FindUser(hint.ToString()) ?? org.DefaultUser : org.DefaultUser;
        var code = org.Tokens.IssueCode(user, app, redirect);
        var separator = redirect.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        var state = query["state"] is { Count: > 0 } s ? "&state=" + Uri.EscapeDataString(s.ToString()) : "";
        return Results.Redirect($"{redirect}{separator}code={Uri.EscapeDataString(code)}{state}");
    }

    public async Task RevokeAsync(HttpContext context)
    {
        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString() : context.Request.Query["token"].ToString();
        org.Tokens.Revoke(token);
        context.Response.StatusCode = 200;
    }

    public async Task UserInfoAsync(HttpContext context)
    {
        if (Authenticated(context) is not { } user)
        {
            await Unauthorized(context);
            return;
        }

        var baseUrl = BaseUrl(context);
        await RestEndpoint.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("sub", IdentityUrl(baseUrl, user));
            w.WriteString("user_id", user.UserId);
            w.WriteString("organization_id", org.OrgId);
            w.WriteString("preferred_username", user.Username);
            w.WriteString("nickname", user.Username.Split('@')[0]);
            w.WriteString("name", Name(user));
            w.WriteString("email", user.Username);
            w.WriteBoolean("email_verified", true);
            w.WriteString("zoneinfo", "GMT");
            w.WriteBoolean("is_salesforce_integration_user", false);
            WriteUrls(w, baseUrl, user);
            w.WriteBoolean("active", true);
            w.WriteString("user_type", "STANDARD");
            w.WriteString("language", "en_US");
            w.WriteString("locale", "en_US");
            w.WriteNumber("utcOffset", 0);
            w.WriteEndObject();
        });
    }

    public async Task IdentityAsync(HttpContext context, string orgId, string userId)
    {
        if (Authenticated(context) is not { } user)
        {
            await Unauthorized(context);
            return;
        }

        if (orgId != org.OrgId || org.FindUserById(userId) is not { } subject)
        {
            context.Response.StatusCode = 404;
            return;
        }

        var baseUrl = BaseUrl(context);
        await RestEndpoint.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("id", IdentityUrl(baseUrl, subject));
            w.WriteBoolean("asserted_user", subject.UserId == user.UserId);
            w.WriteString("user_id", subject.UserId);
            w.WriteString("organization_id", org.OrgId);
            w.WriteString("username", subject.Username);
            w.WriteString("nick_name", subject.Username.Split('@')[0]);
            w.WriteString("display_name", Name(subject));
            w.WriteString("email", subject.Username);
            w.WriteBoolean("email_verified", true);
            WriteUrls(w, baseUrl, subject);
            w.WriteBoolean("active", true);
            w.WriteString("user_type", "STANDARD");
            w.WriteString("language", "en_US");
            w.WriteString("locale", "en_US");
            w.WriteNumber("utcOffset", 0);
            w.WriteString("last_modified_date", Json.SfFormats.DateTime(org.Store.Created));
            w.WriteEndObject();
        });
    }

    private async Task JwtAsync(HttpContext context, string assertion, string baseUrl)
    {
        var issuer = Issuer(assertion);
        if (issuer is null || org.FindApp(issuer) is not { } app)
        {
            await ErrorAsync(context, issuer is null ? "invalid_grant" : "invalid_client_id", issuer is null ? "invalid assertion" : "client identifier invalid");
            return;
        }

        string[] audiences = ["https://login.salesforce.com", "https://test.salesforce.com", baseUrl.TrimEnd('/'), (options.InstanceUrl ?? baseUrl).TrimEnd('/')];
        var problem = JwtAssertion.Verify(assertion, app, audiences, org.Clock.UtcNow, out var subject);
        if (problem is not null)
        {
            await ErrorAsync(context, "invalid_grant", problem);
            return;
        }

        if (org.FindUser(subject!) is not { } user)
        {
            await ErrorAsync(context, "invalid_grant", "user hasn't approved this consumer");
            return;
        }

        await IssueAsync(context, user, app, baseUrl, refreshToken: false, scope: "api", jwt: true);
    }

    private Task IssueAsync(HttpContext context, UserAccount user, ConnectedApp app, string baseUrl, bool refreshToken, string? scope, bool jwt = false, string? from = null)
    {
        var refresh = refreshToken ? org.Tokens.IssueRefreshToken(user, app) : null;
        var session = org.Tokens.Issue(user, app, refresh ?? from);
        var identity = IdentityUrl(baseUrl, user);
        var issuedAt = TokenService.IssuedAt(session.IssuedAt);
        return RestEndpoint.WriteJsonAsync(context, 200, w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", session.Token);
            if (refresh is not null)
            {
                w.WriteString("refresh_token", refresh);
            }

            if (!jwt)
            {
                w.WriteString("signature", TokenService.Signature(identity, issuedAt, app.ClientSecret));
            }

            if (scope is not null)
            {
                w.WriteString("scope", scope);
            }

            w.WriteString("instance_url", options.InstanceUrl ?? baseUrl);
            w.WriteString("id", identity);
            w.WriteString("token_type", "Bearer");
            if (!jwt)
            {
                w.WriteString("issued_at", issuedAt);
            }

            w.WriteEndObject();
        });
    }

    private UserAccount? Authenticated(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
        return token is not null && org.Tokens.Find(token) is { } session ? org.FindUserById(session.UserId) : null;
    }

    private static Task Unauthorized(HttpContext context)
    {
        context.Response.Headers.WWWAuthenticate = "Token";
        return RestEndpoint.WriteJsonAsync(context, 401, w => Json.RecordJson.WriteErrors(w, [new SalesforceError("INVALID_SESSION_ID", "Session expired or invalid")]));
    }

    private string Name(UserAccount user) => org.Store.Get(user.UserId)?["Name"] as string ?? user.Username;

    private string IdentityUrl(string baseUrl, UserAccount user) => $"{baseUrl}/id/{org.OrgId}/{user.UserId}";

    private void WriteUrls(Utf8JsonWriter w, string baseUrl, UserAccount user)
    {
        var instance = options.InstanceUrl ?? baseUrl;
        w.WriteStartObject("urls");
        w.WriteString("rest", $"{instance}/services/data/v{{version}}/");
        w.WriteString("sobjects", $"{instance}/services/data/v{{version}}/sobjects/");
        w.WriteString("search", $"{instance}/services/data/v{{version}}/search/");
        w.WriteString("query", $"{instance}/services/data/v{{version}}/query/");
        w.WriteString("recent", $"{instance}/services/data/v{{version}}/recent/");
        w.WriteString("profile", $"{instance}/{user.UserId}");
        w.WriteString("custom_domain", instance);
        w.WriteEndObject();
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
                if (pair.Length == 2)
                {
                    return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].FirstOrDefault(), form["client_secret"].FirstOrDefault());
    }

    private static string? Issuer(string assertion)
    {
        var parts = assertion.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            using var claims = JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]));
            return claims.RootElement.TryGetProperty("iss", out var iss) ? iss.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string BaseUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";

    private static Task ErrorAsync(HttpContext context, string error, string description) =>
        RestEndpoint.WriteJsonAsync(context, 400, w =>
        {
            w.WriteStartObject();
            w.WriteString("error", error);
            w.WriteString("error_description", description);
            w.WriteEndObject();
        });
}
