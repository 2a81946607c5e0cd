using Platform.Sdk.Testing;
using Platform.Testing;

namespace Platform.Connectors.Conformance.Tests;

/// <summary>Connectors whose apps take part through the app gateway; the kit stands in for the gateway.</summary>
public sealed class GatewayConnectorTests
{
    [Fact]
    public async Task LeadX_ThroughTheGateway_PassesEveryCheck()
    {
        var subject = ShippedConnectors.Subject("Platform.Connectors.LeadX", new Dictionary<string, string>()) with
        {
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "company",
                    Create = ShippedConnectors.Values(("name", "Acme"), ("city", "Lyon")),
                    Update = ShippedConnectors.Values(("phone", "+33 4 00 00 00 00")),
                },
                new ConformanceEntity
                {
                    Name = "lead",
                    Create = ShippedConnectors.Values(("title", "Acme renewal"), ("stage", "Lead"), ("companyName", "Acme"), ("contactLastName", "Coyote"), ("value", 1200.5m)),
                    Update = ShippedConnectors.Values(("stage", "Qualified")),
                },
            ],
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("company", "lead"));
    }

    [Fact]
    public async Task Channeltivity_ThroughTheGateway_PassesEveryCheck()
    {
        var subject = ShippedConnectors.Subject("Platform.Connectors.Channeltivity", new Dictionary<string, string>()) with
        {
            SalesforceSeed = ConnectorOrgs.Channeltivity,
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "partner",
                    Create = ShippedConnectors.Values(("name", "Globex"), ("status", "Active Partner"), ("city", "Springfield")),
                    Update = ShippedConnectors.Values(("tier", "Gold")),
                },
            ],
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("partner"));
    }
}
