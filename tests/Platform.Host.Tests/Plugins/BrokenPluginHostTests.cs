using System.Net;
using System.Text.Json;
using Grpc.Health.V1;
using Microsoft.Extensions.Logging;
using Platform.Control.V1;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Tests.Connectors;
using Platform.Testing;

namespace Platform.Host.Tests.Plugins;

public sealed class BrokenPluginHostTests
{
    [Fact]
    public async Task Host_BrokenPluginInDirectory_MarksItFailedAndKeepsServingEverythingElse()
    {
        using var plugins = new PluginsDirectory().WithShippedConnectors();
        plugins.AddConfigurable("broken", "throw-in-describe");
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path, plugins.Path);
        var cancellation = TestContext.Current.CancellationToken;

        var connectors = (await new ConnectorService.ConnectorServiceClient(host.Channel)
            .ListConnectorsAsync(new ListConnectorsRequest(), cancellationToken: cancellation)).Connectors;
        var broken = connectors.Single(c => c.Status == ConnectorStatus.Failed);
        broken.Id.ShouldBe("configurable");
        broken.FailureReason.ShouldContain("configured to fail in Describe");
        connectors.Count(c => c.Status == ConnectorStatus.Loaded).ShouldBe(5);

        using var ready = await host.Http.GetAsync("/readyz", cancellation);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync(cancellation));
        body.RootElement.GetProperty("status").GetString().ShouldBe("Degraded");
        body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "plugins")
            .GetProperty("description").GetString()!.ShouldContain("configurable: Platform.TestPlugins.Configurable.ConfigurableConnector.Describe() threw");

        (await new Grpc.Health.V1.Health.HealthClient(host.Channel).CheckAsync(new HealthCheckRequest(), cancellationToken: cancellation))
            .Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);

        host.Logs.Entries.ShouldContain(l => l.Level == LogLevel.Error && l.Message.Contains("configurable") && l.Message.Contains("configured to fail in Describe"));
    }

    [Fact]
    public async Task TestIntegration_ConnectorWhoseClientThrows_ReportsTheFailureAsAProblemAndKeepsServing()
    {
        using var plugins = new PluginsDirectory();
        plugins.AddConfigurable("configurable", "ok");
        await using var host = await ConnectorTestHost.StartAsync(new SeedDocument(), sandbox: false, $"Platform:Plugins:AdditionalPaths:0={plugins.Path}");
        await host.Integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "items",
            InstanceId = "org",
            ConnectorId = "configurable",
            Mappings = { new ObjectMappingConfig { Name = "items", Entity = "item", SalesforceObject = "Account", Direction = SyncDirection.Both, Fields = { new FieldMappingConfig { AppField = "name", SalesforceField = "Name" } } } },
        });

        var test = await host.Integrations.TestIntegrationAsync(new IntegrationRef { Id = "items" });

        test.Succeeded.ShouldBeFalse();
        test.Problems.ShouldHaveSingleItem().ShouldStartWith("The connector failed: NotSupportedException");
        (await host.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "items" })).Id.ShouldBe("items");
    }
}
