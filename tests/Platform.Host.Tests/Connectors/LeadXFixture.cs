using Platform.Control.V1;
using Platform.Emulators.AppGateway;
using Platform.Emulators.Salesforce.Model;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The shipped LeadX connector end to end: the host with its plugins, the Salesforce emulator, and an emulated LeadX app
/// connected to the app gateway over real gRPC.
/// </summary>
internal sealed class LeadXFixture : IAsyncDisposable
{
    public const string IntegrationId = "leadx";

    private readonly ConnectorTestHost _bed;

    private LeadXFixture(ConnectorTestHost bed)
    {
        _bed = bed;
        App = new GatewayApp(bed.Channel, IntegrationId);
    }

    public GatewayApp App { get; }

    public ConnectorTestHost Bed => _bed;

    public SalesforceClient User => _bed.User;

    public IntegrationService.IntegrationServiceClient Integrations => _bed.Integrations;

    public static async Task<LeadXFixture> StartAsync() =>
        new(await ConnectorTestHost.StartAsync(new SeedDocument(), settings: ["Platform:Gateway:WriteTimeout=00:00:05", "Platform:Gateway:PollInterval=00:00:00.200"]));

    /// <summary>The integration with the connector's default mappings and these settings; the app connected.</summary>
    public async Task<Integration> ConnectAsync(params (string Key, string Value)[] settings)
    {
        var request = Request();
        foreach (var (key, value) in settings)
        {
            request.Settings[key] = value;
        }

        var integration = await Integrations.CreateIntegrationAsync(request);
        await App.ConnectAsync();
        return integration;
    }

    public static SaveIntegrationRequest Request() => new()
    {
        Id = IntegrationId,
        InstanceId = "org",
        ConnectorId = "leadx",
        Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
    };

    /// <summary>A cycle, after moving the clocks past the previous one's watermark.</summary>
    public async Task<CycleReport> SyncAsync()
    {
        _bed.AdvanceClocks(TimeSpan.FromHours(1));
        return await _bed.SyncAsync(IntegrationId);
    }

    public Task<List<SalesforceRecord>> ReadAsync(Soql soql) => _bed.ReadAsync(soql);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _bed.DisposeAsync();
    }
}
