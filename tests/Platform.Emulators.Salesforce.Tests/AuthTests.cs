using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Platform.Emulators.Salesforce.Auth;

namespace Platform.Emulators.Salesforce.Tests;

public sealed class AuthTests
{
    [Fact]
    public async Task PasswordGrant_ValidCredentials_ReturnsTokenWithInstanceUrlIdAndSignature()
    {
        await using var org = await TestOrg.StartAsync();

        using var response = await org.Token_("password", new() { ["username"] = "admin@example.com", ["password"] = "emulator" });
        var body = await TestOrg.Json(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("instance_url").GetString().ShouldBe(org.Emulator.BaseUrl.ToString().TrimEnd('/'));
        body.GetProperty("id").GetString().ShouldEndWith($"/id/{org.Emulator.Org.OrgId}/{org.Emulator.Org.DefaultUser.UserId}");
        body.GetProperty("token_type").GetString().ShouldBe("Bearer");
        var expected = TokenService.Signature(body.GetProperty("id").GetString()!, body.GetProperty("issued_at").GetString()!, "emulator-secret");
        body.GetProperty("signature").GetString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("admin@example.com", "wrong", "invalid_grant", "authentication failure")]
    [InlineData("nobody@example.com", "emulator", "invalid_grant", "authentication failure")]
    public async Task PasswordGrant_BadCredentials_IsInvalidGrant(string username, string password, string error, string description)
    {
        await using var org = await TestOrg.StartAsync();

        using var response = await org.Token_("password", new() { ["username"] = username, ["password"] = password });
        var body = await TestOrg.Json(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (body.GetProperty("error").GetString(), body.GetProperty("error_description").GetString()).ShouldBe((error, description));
    }

    [Fact]
    public async Task TokenRequest_UnknownClient_IsInvalidClientId()
    {
        await using var org = await TestOrg.StartAsync();

        using var response = await org.Token_("client_credentials", new() { ["client_id"] = "nope", ["client_secret"] = "x" });

        (await TestOrg.Json(response)).GetProperty("error").GetString().ShouldBe("invalid_client_id");
    }

    [Fact]
    public async Task ClientCredentials_BasicAuthHeader_RunsAsTheDefaultUser()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = new HttpClient { BaseAddress = org.Emulator.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/services/oauth2/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
        };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("platform-emulator:emulator-secret")));

        using var response = await http.SendAsync(request);
        var body = await TestOrg.Json(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("id").GetString().ShouldEndWith(org.Emulator.Org.DefaultUser.UserId);
        body.TryGetProperty("refresh_token", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task WebServerFlow_CodeExchangedThenRefreshed_IssuesWorkingTokens()
    {
        await using var org = await TestOrg.StartAsync();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = org.Emulator.BaseUrl };

        using var authorize = await http.GetAsync("/services/oauth2/authorize?response_type=code&client_id=platform-emulator&redirect_uri=http://127.0.0.1/callback&state=xyz");
        authorize.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = authorize.Headers.Location!.ToString();
        location.ShouldContain("state=xyz");
        var code = Uri.UnescapeDataString(location.Split("code=")[1].Split('&')[0]);
        using var exchange = await org.Token_("authorization_code", new() { ["code"] = code, ["redirect_uri"] = "http://127.0.0.1/callback" });
        var refreshToken = (await TestOrg.Json(exchange)).GetProperty("refresh_token").GetString()!;
        using var reuse = await org.Token_("authorization_code", new() { ["code"] = code, ["redirect_uri"] = "http://127.0.0.1/callback" });
        using var refreshed = await org.Token_("refresh_token", new() { ["refresh_token"] = refreshToken });
        var access = (await TestOrg.Json(refreshed)).GetProperty("access_token").GetString()!;

        (await TestOrg.Json(reuse)).GetProperty("error").GetString().ShouldBe("invalid_grant");
        using var call = new HttpRequestMessage(HttpMethod.Get, "/services/data/v60.0/limits");
        call.Headers.Authorization = new("Bearer", access);
        (await http.SendAsync(call)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefreshGrant_RevokedToken_IsExpiredAccessRefreshToken()
    {
        await using var org = await TestOrg.StartAsync();

        using var response = await org.Token_("refresh_token", new() { ["refresh_token"] = "5Aep861unknown" });

        (await TestOrg.Json(response)).GetProperty("error_description").GetString().ShouldBe("expired access/refresh token");
    }

    [Fact]
    public async Task JwtBearer_SignedByTheRegisteredCertificate_IssuesTokenWithoutSignature()
    {
        using var key = RSA.Create(2048);
        await using var org = await JwtOrg(key);

        using var response = await JwtToken(org, key, aud: "https://login.salesforce.com", expiresIn: TimeSpan.FromMinutes(3));
        var body = await TestOrg.Json(response);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.TryGetProperty("signature", out _).ShouldBeFalse();
        body.GetProperty("access_token").GetString().ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("https://evil.example.com", 180, false, "audience is invalid")]
    [InlineData("https://test.salesforce.com", -60, false, "expired authorization code")]
    [InlineData("https://login.salesforce.com", 180, true, "invalid assertion")]
    public async Task JwtBearer_BadAssertion_IsRejectedAsSalesforceDoes(string aud, int expiresInSeconds, bool wrongKey, string description)
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        await using var org = await JwtOrg(key);

        using var response = await JwtToken(org, wrongKey ? other : key, aud, TimeSpan.FromSeconds(expiresInSeconds));
        var body = await TestOrg.Json(response);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (body.GetProperty("error").GetString(), body.GetProperty("error_description").GetString()).ShouldBe(("invalid_grant", description));
    }

    [Fact]
    public async Task RestCall_UnknownToken_Is401InvalidSessionId()
    {
        await using var org = await TestOrg.StartAsync();
        org.Http.DefaultRequestHeaders.Authorization = new("Bearer", "00D!bogus");

        var reply = await org.GetAsync("limits");

        reply.Status.ShouldBe(401);
        reply.Error.ShouldBe(("INVALID_SESSION_ID", "Session expired or invalid"));
    }

    [Fact]
    public async Task RestCall_TokenPastItsLifetime_Is401InvalidSessionId()
    {
        await using var org = await TestOrg.StartAsync(o => o.TokenLifetime = TimeSpan.FromMinutes(10));

        org.Emulator.Org.Clock.Advance(TimeSpan.FromMinutes(11));
        var reply = await org.GetAsync("limits");

        reply.Status.ShouldBe(401);
        reply.Error.Code.ShouldBe("INVALID_SESSION_ID");
    }

    [Fact]
    public async Task UserInfoAndIdentityUrl_WithToken_DescribeTheUser()
    {
        await using var org = await TestOrg.StartAsync();
        var userId = org.Emulator.Org.DefaultUser.UserId;

        var userInfo = await org.GetAsync("/services/oauth2/userinfo");
        var identity = await org.GetAsync($"/id/{org.Emulator.Org.OrgId}/{userId}");

        userInfo.Body.GetProperty("user_id").GetString().ShouldBe(userId);
        userInfo.Body.GetProperty("preferred_username").GetString().ShouldBe("admin@example.com");
        identity.Body.GetProperty("username").GetString().ShouldBe("admin@example.com");
        identity.Body.GetProperty("urls").GetProperty("rest").GetString()!.ShouldContain("/services/data/v{version}/");
    }

    private static async Task<TestOrg> JwtOrg(RSA key)
    {
        var request = new CertificateRequest("CN=platform-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var org = await TestOrg.StartAsync();
        org.Emulator.Org.AddApp(new ConnectedApp { ClientId = "jwt-app", ClientSecret = "unused", Certificate = certificate.ExportCertificatePem() });
        return org;
    }

    private static Task<HttpResponseMessage> JwtToken(TestOrg org, RSA key, string aud, TimeSpan expiresIn)
    {
        static string Encode(object value) => System.Buffers.Text.Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = Encode(new { alg = "RS256" }) + "." + Encode(new
        {
            iss = "jwt-app",
            sub = "admin@example.com",
            aud,
            exp = DateTimeOffset.UtcNow.Add(expiresIn).ToUnixTimeSeconds(),
        });
        var signature = key.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var assertion = unsigned + "." + System.Buffers.Text.Base64Url.EncodeToString(signature);
        return org.Token_("urn:ietf:params:oauth:grant-type:jwt-bearer", new() { ["assertion"] = assertion }, withClient: false);
    }
}
