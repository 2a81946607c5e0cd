using System.Diagnostics;
using System.Text.Json;
using Platform.Control.V1;
using Platform.Emulators.AppGateway;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Gateway.V1;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The app gateway over real gRPC, with the shipped LeadX connector and the emulated LeadX app: N companies pushed in
/// batches of 500, one cycle that creates them as Accounts; then N Accounts made in Salesforce, one cycle that delivers
/// them to the connected app as writes it applies and acknowledges one by one.
/// </summary>
internal static class GatewayBenchmark
{
    private const int PushBatch = 500;

    public static async Task RunAsync(int records, Report report)
    {
        var scenario = $"gateway N={records:N0} companies";
        await using var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path, pluginsPath: null, time: null, "Platform:Gateway:WriteTimeout=00:05:00");
        var integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        await ConnectAsync(host, salesforce, integrations);
        var gateway = new AppGateway.AppGatewayClient(host.Channel);

        var clock = Stopwatch.StartNew();
        foreach (var batch in Enumerable.Range(0, records).Chunk(PushBatch))
        {
            var request = new PushChangesRequest { IntegrationId = "bench", Entity = "company" };
            request.Changes.AddRange(batch.Select(i => new RecordChange
            {
                Id = $"pushed-{i}",
                Values = { ["name"] = new FieldValue { Text = $"Pushed {i:000000}" }, ["phone"] = new FieldValue { Text = "+1 555 0100" } },
            }));
            await gateway.PushChangesAsync(request);
        }

        clock.Stop();
        report.Add(scenario, "PushChanges (batches of 500)", records / clock.Elapsed.TotalSeconds, $"changes/s ({records:N0} stored in {clock.Elapsed.TotalSeconds:N1} s)");

        clock.Restart();
        var toSalesforce = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();
        report.Add(scenario, "pushed → Salesforce", toSalesforce.WritesToSalesforce / clock.Elapsed.TotalSeconds, $"records/s ({toSalesforce.WritesToSalesforce:N0} Accounts in one cycle of {clock.Elapsed.TotalSeconds:N1} s)");

        await using var app = new GatewayApp(host.Channel, "bench");
        await app.ConnectAsync();
        salesforce.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>> { ["Account"] = [.. Enumerable.Range(0, records).Select(i => JsonSerializer.SerializeToElement(new { Name = $"Salesforce {i:000000}" }))] },
        });
        clock.Restart();
        var toApp = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();
        var delivered = app.Records("company").Count;
        report.Add(scenario, "Salesforce → app (acknowledged writes)", toApp.WritesToApp / clock.Elapsed.TotalSeconds, $"writes/s ({toApp.WritesToApp:N0} acknowledged, {delivered:N0} records in the app, {toApp.Failures:N0} failures, one cycle of {clock.Elapsed.TotalSeconds:N1} s)");
    }

    private static async Task ConnectAsync(RunningHost host, SalesforceEmulator salesforce, IntegrationService.IntegrationServiceClient integrations)
    {
        await new InstanceService.InstanceServiceClient(host.Channel).CreateInstanceAsync(SampleIntegration.Instance("bench-org", salesforce));
        await integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "bench",
            InstanceId = "bench-org",
            ConnectorId = "leadx",
            Mappings =
            {
                new ObjectMappingConfig
                {
                    Name = "companies",
                    Entity = "company",
                    SalesforceObject = "Account",
                    Direction = SyncDirection.Both,
                    Fields = { new FieldMappingConfig { AppField = "name", SalesforceField = "Name" }, new FieldMappingConfig { AppField = "phone", SalesforceField = "Phone" } },
                },
            },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(24)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) },
        });
    }
}
