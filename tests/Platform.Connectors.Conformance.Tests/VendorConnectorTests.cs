using System.Text.Json.Nodes;
using Platform.Emulators.ClientSuccess;
using Platform.Emulators.ReferralRock;
using Platform.Emulators.Responsive;
using Platform.Sdk.Testing;
using Platform.Testing;

namespace Platform.Connectors.Conformance.Tests;

/// <summary>Connectors that call their vendor's REST API, each against its emulator.</summary>
public sealed class VendorConnectorTests
{
    [Fact]
    public async Task ClientSuccess_AgainstItsEmulator_PassesEveryCheck()
    {
        await using var clientSuccess = await ClientSuccessEmulator.StartAsync();
        var subject = ShippedConnectors.Subject("Platform.Connectors.ClientSuccess", new Dictionary<string, string> { ["apiBaseUrl"] = clientSuccess.BaseUrl.ToString(), ["apiKey"] = clientSuccess.ApiKey }) with
        {
            SalesforceSeed = ConnectorOrgs.ClientSuccess,
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "client",
                    Create = ShippedConnectors.Values(("name", "Initech"), ("status", "Active"), ("active", true), ("website", "https://initech.example")),
                    Update = ShippedConnectors.Values(("status", "Trial"), ("note", "renewal in May")),
                },
            ],
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("client"));
    }

    [Fact]
    public async Task ReferralRock_AgainstItsEmulator_PassesEveryCheck()
    {
        await using var referralRock = await ReferralRockEmulator.StartAsync();
        var program = referralRock.Store.AddProgram("partners", "Partner Program");
        var member = referralRock.Store.CreateMember(new JsonObject { ["programId"] = program.Id, ["firstName"] = "Maya", ["lastName"] = "Advocate", ["email"] = "maya@advocates.example" }).Member!;
        var subject = ShippedConnectors.Subject("Platform.Connectors.ReferralRock", new Dictionary<string, string>
        {
            ["apiBaseUrl"] = referralRock.BaseUrl.ToString(),
            ["publicKey"] = referralRock.PublicKey,
            ["privateKey"] = referralRock.PrivateKey,
        }) with
        {
            SalesforceSeed = ConnectorOrgs.ReferralRock,
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "referral",
                    // Referral Rock adds a referral only for a referring member (the receiver finds the member's code first).
                    Create = ShippedConnectors.Values(("firstName", "Grace"), ("lastName", "Hopper"), ("email", "grace@example.com"), ("companyName", "Navy"), ("memberReferralCode", member.ReferralCode)),
                    Update = ShippedConnectors.Values(("status", "qualified")),
                },
            ],
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("referral"));
    }

    [Fact]
    public async Task Responsive_AgainstItsEmulator_PassesEveryCheck()
    {
        await using var responsive = await ResponsiveEmulator.StartAsync();
        var subject = ShippedConnectors.Subject("Platform.Connectors.Responsive", new Dictionary<string, string> { ["apiBaseUrl"] = responsive.BaseUrl.ToString(), ["apiToken"] = responsive.Token }) with
        {
            SalesforceSeed = ManagedPackages.Responsive,
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "project",
                    Create = ShippedConnectors.Values(("name", "Acme RFP"), ("dueDate", new DateTimeOffset(2027, 3, 1, 17, 0, 0, TimeSpan.Zero)), ("primaryContact", "owner@example.com")),
                    Update = ShippedConnectors.Values(("clientName", "Acme")),

                    // Responsive's API archives projects; it cannot delete them (the connector says so per write).
                    Deletes = false,
                },
            ],
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("project"));
    }
}
