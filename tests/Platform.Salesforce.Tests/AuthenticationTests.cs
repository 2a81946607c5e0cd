using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Platform.Emulators.Salesforce.Auth;

namespace Platform.Salesforce.Tests;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Password_AgainstTheEmulator_ConnectsToTheReturnedInstanceUrl()
    {
        await using var harness = await Harness.StartAsync();

        var session = await harness.Client.ConnectAsync();

        session.InstanceUrl.ShouldBe(new Uri(harness.Emulator.BaseUrl.ToString().TrimEnd('/')));
        session.UserId.ShouldBe(harness.Emulator.Org.DefaultUser.UserId);
        session.OrgId.ShouldBe(harness.Emulator.Org.OrgId);
    }

    [Fact]
    public void Password_AgainstARealLoginHost_IsRefusedAtConstruction()
    {
        using var http = new HttpClient();

        var error = Should.Throw<ArgumentException>(() => new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = SalesforceConnectionOptions.Production,
            Credentials = new PasswordCredentials("id", "secret", "user", "pass"),
        }));

        error.Message.ShouldContain("only allowed against a local emulator");
    }

    [Fact]
    public async Task ClientCredentials_ValidSecret_Connects()
    {
        await using var harness = await Harness.StartAsync(credentials: new ClientCredentialsCredentials("platform-emulator", "emulator-secret"));

        (await harness.Client.GetLimitsAsync())["DailyApiRequests"].Max.ShouldBe(1_000_000);
    }

    [Fact]
    public async Task ClientCredentials_WrongSecret_IsAnAuthenticationError()
    {
        await using var harness = await Harness.StartAsync(credentials: new ClientCredentialsCredentials("platform-emulator", "wrong"));

        var error = await Should.ThrowAsync<SalesforceAuthenticationException>(() => harness.Client.ConnectAsync());

        (error.Kind, error.Error).ShouldBe((SalesforceErrorKind.Authentication, "invalid_client"));
    }

    [Fact]
    public async Task JwtBearer_KeyMatchingTheAppCertificate_Connects()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=platform", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var harness = await Harness.StartAsync(
            emulator: o => o.Seed = new() { ConnectedApps = [new ConnectedApp { ClientId = "jwt-app", ClientSecret = "x", Certificate = certificate.ExportCertificatePem() }] },
            credentials: new JwtBearerCredentials("jwt-app", "admin@example.com", key.ExportPkcs8PrivateKeyPem()));

        var session = await harness.Client.ConnectAsync();

        session.UserId.ShouldBe(harness.Emulator.Org.DefaultUser.UserId);
    }

    [Fact]
    public async Task JwtBearer_WrongKey_IsInvalidAssertion()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var request = new CertificateRequest("CN=platform", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        await using var harness = await Harness.StartAsync(
            emulator: o => o.Seed = new() { ConnectedApps = [new ConnectedApp { ClientId = "jwt-app", ClientSecret = "x", Certificate = certificate.ExportCertificatePem() }] },
            credentials: new JwtBearerCredentials("jwt-app", "admin@example.com", other.ExportPkcs8PrivateKeyPem()));

        (await Should.ThrowAsync<SalesforceAuthenticationException>(() => harness.Client.ConnectAsync())).Description.ShouldBe("invalid assertion");
    }

    [Fact]
    public async Task RefreshToken_FromTheWebServerFlow_Connects()
    {
        await using var emulator = await Harness.StartAsync();
        var redirect = new Uri("http://127.0.0.1/callback");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorize = WebServerFlow.AuthorizeUrl(emulator.Emulator.BaseUrl, "platform-emulator", redirect, state: "s1");
        using var consent = await noRedirects.GetAsync(authorize);
        var code = Uri.UnescapeDataString(consent.Headers.Location!.Query.Split("code=")[1].Split('&')[0]);
        var session = await WebServerFlow.ExchangeCodeAsync(noRedirects, emulator.Emulator.BaseUrl, "platform-emulator", "emulator-secret", code, redirect);

        using var http = new HttpClient();
        using var client = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = emulator.Emulator.BaseUrl,
            Credentials = new RefreshTokenCredentials("platform-emulator", "emulator-secret", session.RefreshToken!),
        });

        authorize.Query.ShouldContain("response_type=code");
        session.RefreshToken.ShouldNotBeNullOrEmpty();
        (await client.ConnectAsync()).AccessToken.ShouldNotBe(session.AccessToken);
    }

    [Fact]
    public async Task ExpiredSession_ManyConcurrentCalls_RenewOnceAndAllSucceed()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.GetLimitsAsync();
        harness.Emulator.Org.ExpireSessions();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => harness.Client.GetLimitsAsync()));

        harness.Client.TokenRequests.ShouldBe(2);
    }

    [Fact]
    public async Task Credentials_Printed_NeverShowSecrets()
    {
        SalesforceCredentials[] credentials =
        [
            new PasswordCredentials("id", "client-secret-1", "user", "password-2"),
            new ClientCredentialsCredentials("id", "client-secret-3"),
            new RefreshTokenCredentials("id", "client-secret-4", "refresh-5"),
            new JwtBearerCredentials("id", "user", "-----BEGIN PRIVATE KEY-----secret-6"),
        ];
        await using var harness = await Harness.StartAsync();
        var session = await harness.Client.ConnectAsync();

        string[] printed = [.. credentials.Select(c => c.ToString()), session.ToString()];

        printed.ShouldAllBe(p => !p.Contains("secret") && !p.Contains("password-2") && !p.Contains("refresh-5") && !p.Contains(session.AccessToken));
        harness.Logs.Entries.ShouldAllBe(l => !l.Message.Contains(session.AccessToken) && !l.Message.Contains("emulator-secret"));
    }
}
