using System.Text.Json;
using Platform.Control.V1;
using Platform.Emulators.AppGateway;
using Platform.Emulators.Salesforce.Model;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The shipped Channeltivity connector end to end: the host with its plugins, the Salesforce emulator set up as
/// Channeltivity's guide says (a sync flag checkbox and a partner status picklist on Account), and an emulated
/// Channeltivity app connected to the app gateway over real gRPC.
/// </summary>
internal sealed class ChanneltivityFixture : IAsyncDisposable
{
    public const string IntegrationId = "channeltivity";

    private ChanneltivityFixture(ConnectorTestHost bed)
    {
        Bed = bed;
        App = new GatewayApp(bed.Channel, IntegrationId);
        Matching = new MatchingService.MatchingServiceClient(bed.Channel);
    }

    public GatewayApp App { get; }

    public ConnectorTestHost Bed { get; }

    public MatchingService.MatchingServiceClient Matching { get; }

    public SalesforceClient User => Bed.User;

    public IntegrationService.IntegrationServiceClient Integrations => Bed.Integrations;

    /// <summary>What the set-up guide has the admin add to Account.</summary>
    public static SeedDocument Seed(params (string Object, JsonElement Record)[] records) => ConnectorOrgs.Channeltivity with
    {
        Records = records.GroupBy(r => r.Object).ToDictionary(g => g.Key, g => (IReadOnlyList<JsonElement>)[.. g.Select(r => r.Record)]),
    };

    public static async Task<ChanneltivityFixture> StartAsync(SeedDocument? seed = null) =>
        new(await ConnectorTestHost.StartAsync(seed ?? Seed(), settings: ["Platform:Gateway:WriteTimeout=00:00:05", "Platform:Gateway:PollInterval=00:00:00.200"]));

    /// <summary>The integration with the connector's default mappings and these settings, the app connected; it starts in matching.</summary>
    public async Task<Integration> ConnectAsync(params (string Key, string Value)[] settings)
    {
        var integration = await Integrations.CreateIntegrationAsync(Request(settings));
        await App.ConnectAsync();
        return integration;
    }

    /// <summary>Completes matching, creating whatever has no counterpart: continuous sync starts with a first cycle.</summary>
    public async Task<CompleteMatchingResponse> CompleteAsync()
    {
        Bed.AdvanceClocks(TimeSpan.FromHours(1));
        return await Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = IntegrationId, CreateUndecided = true });
    }

    /// <summary>Connects and completes matching at once: continuous sync.</summary>
    public async Task<Integration> SyncingAsync(params (string Key, string Value)[] settings)
    {
        var integration = await ConnectAsync(settings);
        await CompleteAsync();
        return integration;
    }

    public static SaveIntegrationRequest Request(params (string Key, string Value)[] settings)
    {
        var request = new SaveIntegrationRequest
        {
            Id = IntegrationId,
            InstanceId = "org",
            ConnectorId = "channeltivity",
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        };
        foreach (var (key, value) in settings)
        {
            request.Settings[key] = value;
        }

        return request;
    }

    /// <summary>A flagged partner account as the guide's preparation step leaves it.</summary>
    public async Task<string> PartnerAccountAsync(string name, string status = "Active Partner", bool flagged = true, params (string Field, object? Value)[] values)
    {
        var fields = new Dictionary<string, object?> { ["Name"] = name, ["Sync_with_Channeltivity__c"] = flagged, ["Channeltivity_Partner_Status__c"] = status };
        foreach (var (field, value) in values)
        {
            fields[field] = value;
        }

        return await User.CreateAsync("Account", fields);
    }

    /// <summary>A cycle, after moving the clocks past the previous one's watermark.</summary>
    public async Task<CycleReport> SyncAsync()
    {
        Bed.AdvanceClocks(TimeSpan.FromHours(1));
        return await Bed.SyncAsync(IntegrationId);
    }

    public async Task<ListMatchesResponse> ListAsync(int pageSize = 0) =>
        await Matching.ListMatchesAsync(new ListMatchesRequest { IntegrationId = IntegrationId, Mapping = "partner", PageSize = pageSize });

    public async Task<ResolveMatchesResponse> ResolveAsync(params MatchDecision[] decisions) =>
        await Matching.ResolveMatchesAsync(new ResolveMatchesRequest { IntegrationId = IntegrationId, Mapping = "partner", Decisions = { decisions } });

    public Task<List<SalesforceRecord>> ReadAsync(Soql soql) => Bed.ReadAsync(soql);

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Bed.DisposeAsync();
    }
}
