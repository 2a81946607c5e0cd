using System.Net.Http.Json;
using Grpc.Net.Client;
using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.SampleApp;
using Platform.Host.Sandbox;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests;

/// <summary>
/// The whole product over real transports: the host (gRPC), the Salesforce emulator (HTTP) and the sample app (HTTP)
/// with the sample connector, plus a Salesforce client acting as a user editing the org. The host runs in-process,
/// or as a process of its own when a test kills it.
/// </summary>
internal sealed class SyncFixture : IAsyncDisposable
{
    private static readonly string PluginsPath = Path.Combine(AppContext.BaseDirectory, "sample-plugins");
    private readonly TempDirectory _data = new();
    private readonly HttpClient _http = new();
    private IAsyncDisposable? _host;
    private ShiftableTimeProvider? _time;
    private GrpcChannel? _channel;
    private string _adminKey = ApiKeyChannel.NewAdminKey();

    private SyncFixture(SalesforceEmulator salesforce, SampleApp app)
    {
        Salesforce = salesforce;
        App = app;
        User = new SalesforceClient(_http, new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = new PasswordCredentials(salesforce.Options.ClientId, salesforce.Options.ClientSecret, salesforce.Options.Username, salesforce.Options.Password),
        });
    }

    public SalesforceEmulator Salesforce { get; }

    public SampleApp App { get; }

    public SalesforceClient User { get; }

    public InstanceService.InstanceServiceClient Instances { get; private set; } = null!;

    public IntegrationService.IntegrationServiceClient Integrations { get; private set; } = null!;

    public PairService.PairServiceClient Pairs { get; private set; } = null!;

    public ApiKeyService.ApiKeyServiceClient Keys { get; private set; } = null!;

    /// <summary>Everything the host process has printed (its console log).</summary>
    public string HostOutput => (_host as ServerProcess)?.Output ?? throw new InvalidOperationException("The host runs in-process; start it as a process to read its output.");

    /// <summary>The host's gRPC endpoint as <c>address:port</c>.</summary>
    public string GrpcTarget => _channel?.Target ?? throw new InvalidOperationException("No host is running.");

    /// <summary>The admin key the host accepts; every client of the fixture sends it.</summary>
    public string AdminKey => _adminKey;

    /// <summary>The host's HTTP endpoint (health, metrics).</summary>
    public Uri HostHttp { get; private set; } = null!;

    /// <summary>Starts the emulator, the app and the host (in-process, or as a process that <see cref="KillHostAsync"/> can kill).</summary>
    public static Task<SyncFixture> StartAsync(bool hostProcess = false, params string[] hostSettings) => StartAsync(hostProcess, time: null, hostSettings);

    /// <summary>Starts an org with <paramref name="org"/>'s credentials and limits, the app, and the host as a process.</summary>
    public static Task<SyncFixture> StartHostProcessAsync(SalesforceEmulatorOptions org, params string[] hostSettings) => StartAsync(hostProcess: true, time: null, hostSettings, org);

    /// <summary>Starts the emulator, the app and an in-process host whose clock (with the org's) <see cref="AdvanceClocks"/> moves.</summary>
    public static Task<SyncFixture> StartWithClockAsync(params string[] hostSettings) => StartAsync(hostProcess: false, new ShiftableTimeProvider(), hostSettings);

    private static async Task<SyncFixture> StartAsync(bool hostProcess, ShiftableTimeProvider? time, string[] hostSettings, SalesforceEmulatorOptions? org = null)
    {
        var salesforce = await SalesforceEmulator.StartAsync(org ?? new SalesforceEmulatorOptions { DailyApiRequests = 1_000_000 });
        var fixture = new SyncFixture(salesforce, await SampleApp.StartAsync()) { _time = time };
        if (hostProcess)
        {
            await fixture.StartHostProcessAsync(hostSettings);
        }
        else
        {
            var host = await RunningHost.StartAsync(fixture._data.Path, PluginsPath, time, hostSettings);
            fixture._adminKey = host.AdminKey;
            fixture.Attach(host, host.Channel, host.Http.BaseAddress!);
        }

        return fixture;
    }

    /// <summary>Starts the host as a process on the fixture's data folder (again, after <see cref="KillHostAsync"/>).</summary>
    public async Task StartHostProcessAsync(params string[] settings)
    {
        // A probed port can be taken before the process binds it (see RunningHost); start again on other ports.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await StartHostProcessOnceAsync(settings);
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    private async Task StartHostProcessOnceAsync(string[] settings)
    {
        var http = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        var grpc = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        var process = await ServerProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "Platform.Host.dll"), http, "/readyz",
        [
            $"--Platform:Endpoints:Http={http}",
            $"--Platform:Endpoints:Grpc={grpc}",
            $"--Platform:Silo:SiloPort={LoopbackPort.Next()}",
            $"--Platform:Storage:Sqlite:Path={Path.Combine(_data.Path, "platform.db")}",
            $"--Platform:Plugins:Path={PluginsPath}",
            "--Logging:LogLevel:Default=Warning",
            $"--Platform:Access:AdminKey={_adminKey}",
            .. settings.Select(s => "--" + s),
        ]);
        Attach(process, ApiKeyChannel.ForAddress(grpc, _adminKey), http);
    }

    /// <summary>Kills the host process outright (no graceful stop), as a crash or power loss would.</summary>
    public async Task KillHostAsync()
    {
        _channel?.Dispose();
        _channel = null;
        await (_host ?? throw new InvalidOperationException("No host is running.")).DisposeAsync();
        _host = null;
    }

    private void Attach(IAsyncDisposable host, GrpcChannel channel, Uri http)
    {
        _host = host;
        HostHttp = http;
        _channel = channel;
        Instances = new InstanceService.InstanceServiceClient(channel);
        Integrations = new IntegrationService.IntegrationServiceClient(channel);
        Pairs = new PairService.PairServiceClient(channel);
        Keys = new ApiKeyService.ApiKeyServiceClient(channel);
    }

    public Task<Integration> ConnectAsync(params ObjectMappingConfig[] mappings) => ConnectAsync(budgetShare: 1, activityWindow: null, mappings);

    public async Task<Integration> ConnectAsync(double budgetShare, TimeSpan? activityWindow, params ObjectMappingConfig[] mappings)
    {
        await Instances.CreateInstanceAsync(SampleIntegration.Instance("emulated-org", Salesforce, budgetShare));
        var request = new SaveIntegrationRequest
        {
            Id = "contacts",
            InstanceId = "emulated-org",
            ConnectorId = "sample",
            Settings = { ["baseUrl"] = App.BaseUrl.ToString(), ["apiKey"] = "s3cret-key" },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        };
        if (activityWindow is { } window)
        {
            request.Schedule.ActivityWindow = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(window);
        }

        request.Mappings.AddRange(mappings);
        return await Integrations.CreateIntegrationAsync(request);
    }

    /// <summary>Moves the host's clock and the org's forward together (retry backoffs end, the delete log can be read again).</summary>
    public void AdvanceClocks(TimeSpan by)
    {
        (_time ?? throw new InvalidOperationException("Start the fixture with StartWithClockAsync to move its clocks.")).Advance(by);
        Salesforce.Org.Clock.Advance(by);
    }

    /// <summary>Makes the org forget its delete log up to now (as Salesforce purges it), through the emulator's admin API.</summary>
    public async Task TruncateDeleteLogAsync(string objectName)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(Salesforce.BaseUrl, "/__admin/deletelog/truncate"), new { objectName });
        response.EnsureSuccessStatusCode();
    }

    public Task<Platform.Control.V1.CycleReport> SyncAsync() => Integrations.SyncNowAsync(new IntegrationRef { Id = "contacts" }).ResponseAsync;

    public async Task<Dictionary<string, SalesforceRecord>> SalesforceContactsAsync()
    {
        var records = new Dictionary<string, SalesforceRecord>(StringComparer.Ordinal);
        await foreach (var record in User.ReadAsync(new Soql("SELECT Id, FirstName, LastName, Email, Title FROM Contact")))
        {
            records[record.Id] = record;
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        User.Dispose();
        _http.Dispose();
        if (_host is not null)
        {
            await KillHostAsync();
        }

        await App.DisposeAsync();
        await Salesforce.DisposeAsync();
        _data.Dispose();
    }
}
