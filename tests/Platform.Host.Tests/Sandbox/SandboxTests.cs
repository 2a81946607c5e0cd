using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Sandbox;

public sealed class SandboxTests
{
    [Fact]
    public async Task SandboxMode_Started_SyncsItsDemoDataAtOnceAndStreamsTheEvents()
    {
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path, settings:
        [
            "Platform:Sandbox:Enabled=true",
            "Platform:Sandbox:SalesforcePort=0",
            "Platform:Sandbox:AppPort=0",
            "Platform:Sandbox:SyncInterval=00:00:01",
            "Platform:Sandbox:EditInterval=00:00:00",
            "Logging:LogLevel:Platform.Host.Sandbox=Information",
        ]);
        var integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        using var watch = integrations.WatchEvents(new WatchEventsRequest { IntegrationId = "sandbox-contacts" }, cancellationToken: TestContext.Current.CancellationToken);

        while (await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken) && watch.ResponseStream.Current.Kind != "cycle_completed")
        {
        }

        var pairs = (await new PairService.PairServiceClient(host.Channel).ListPairsAsync(new ListPairsRequest { IntegrationId = "sandbox-contacts", PageSize = 100 })).Pairs;
        pairs.Count.ShouldBe(15, "6 only in Salesforce, 6 only in the app, 3 in both (matched by e-mail)");
        pairs.ShouldAllBe(p => p.Status == PairStatus.Linked);
        (await new ConnectorService.ConnectorServiceClient(host.Channel).ListConnectorsAsync(new())).Connectors.ShouldContain(c => c.Id == "sample");
        host.Logs.Entries.ShouldContain(e => e.Message.StartsWith("Sandbox ready", StringComparison.Ordinal));
        host.Logs.Entries.ShouldContain(e => e.Message.StartsWith("Sync CycleCompleted", StringComparison.Ordinal), "sync events show in the log");
    }

    [Fact]
    public async Task Host_WithoutSandboxSetting_LoadsNoSampleConnector()
    {
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);

        var connectors = (await new ConnectorService.ConnectorServiceClient(host.Channel).ListConnectorsAsync(new())).Connectors;

        connectors.ShouldNotContain(c => c.Id == "sample");
        connectors.Count.ShouldBe(5);
    }
}
