using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Sandbox;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// What every shipped connector's end-to-end fixture stands on: the host with its plugins, an emulated org bound as the
/// instance <c>org</c>, one shiftable clock for the host and the app's emulator, and a Salesforce user editing the org.
/// </summary>
internal sealed class ConnectorTestHost : IAsyncDisposable
{
    private readonly TempDirectory _data = new();
    private readonly HttpClient _http = new();
    private RunningHost _host = null!;

    private ConnectorTestHost(SalesforceEmulator salesforce)
    {
        Salesforce = salesforce;
        User = new SalesforceClient(_http, new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = new PasswordCredentials(salesforce.Options.ClientId, salesforce.Options.ClientSecret, salesforce.Options.Username, salesforce.Options.Password),
        });
    }

    public SalesforceEmulator Salesforce { get; }

    public SalesforceClient User { get; }

    /// <summary>The host's clock; start the app's emulator on it so both move together.</summary>
    public ShiftableTimeProvider Time { get; } = new();

    public IntegrationService.IntegrationServiceClient Integrations { get; private set; } = null!;

    public PairService.PairServiceClient Pairs { get; private set; } = null!;

    public InstanceService.InstanceServiceClient Instances { get; private set; } = null!;

    public EntryService.EntryServiceClient Entries { get; private set; } = null!;

    public LookupService.LookupServiceClient Lookups { get; private set; } = null!;

    /// <summary>The host's gRPC channel (control API and app gateway).</summary>
    public Grpc.Net.Client.GrpcChannel Channel => _host.Channel;

    /// <summary>The host's gRPC address for a process (the CLI), e.g. <c>http://127.0.0.1:5123</c>.</summary>
    public string Address => $"http://{_host.Channel.Target}";

    public string AdminKey => _host.AdminKey;

    /// <summary>
    /// Starts an org with the app's Salesforce fields (<paramref name="seed"/>; a sandbox when <paramref name="sandbox"/>)
    /// and the host with <paramref name="settings"/> (e.g. <c>Platform:Gateway:WriteTimeout=00:00:02</c>), and binds the
    /// org as instance <c>org</c>.
    /// </summary>
    public static async Task<ConnectorTestHost> StartAsync(SeedDocument seed, bool sandbox = false, params string[] settings)
    {
        var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = 1_000_000, IsSandbox = sandbox });
        salesforce.Org.Apply(seed);
        var bed = new ConnectorTestHost(salesforce);
        bed._host = await RunningHost.StartAsync(bed._data.Path, pluginsPath: null, bed.Time, settings);
        bed.Integrations = new IntegrationService.IntegrationServiceClient(bed._host.Channel);
        bed.Pairs = new PairService.PairServiceClient(bed._host.Channel);
        bed.Instances = new InstanceService.InstanceServiceClient(bed._host.Channel);
        bed.Entries = new EntryService.EntryServiceClient(bed._host.Channel);
        bed.Lookups = new LookupService.LookupServiceClient(bed._host.Channel);
        await bed.Instances.CreateInstanceAsync(SampleIntegration.Instance("org", salesforce));
        return bed;
    }

    /// <summary>Moves the host's (and so the app's) and the org's clocks forward together.</summary>
    public void AdvanceClocks(TimeSpan by)
    {
        Time.Advance(by);
        Salesforce.Org.Clock.Advance(by);
    }

    /// <summary>Every record a query returns, read as the org's user.</summary>
    public async Task<List<SalesforceRecord>> ReadAsync(Soql soql)
    {
        var records = new List<SalesforceRecord>();
        await foreach (var record in User.ReadAsync(soql))
        {
            records.Add(record);
        }

        return records;
    }

    public Task<CycleReport> SyncAsync(string integrationId) => Integrations.SyncNowAsync(new IntegrationRef { Id = integrationId }).ResponseAsync;

    /// <summary>The sync log's entries for a record (newest first), optionally in one state.</summary>
    public async Task<IReadOnlyList<SyncLogEntry>> LogAsync(string integrationId, string recordId, string state = "") =>
        (await Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = integrationId, RecordId = recordId, State = state })).Entries;

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        User.Dispose();
        _http.Dispose();
        await Salesforce.DisposeAsync();
        _data.Dispose();
    }
}
