using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests;

/// <summary>
/// The whole product over real transports: the host (gRPC), the Salesforce emulator (HTTP) and the records app (HTTP)
/// with the records test connector, plus a Salesforce client acting as a user editing the org.
/// </summary>
internal sealed class SyncFixture : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly HttpClient _http;

    private SyncFixture(TempDirectory data, HttpClient http, SalesforceEmulator salesforce, RecordsApp app, RunningHost host, SalesforceClient user)
    {
        _data = data;
        _http = http;
        Salesforce = salesforce;
        App = app;
        Host = host;
        User = user;
        Instances = new InstanceService.InstanceServiceClient(host.Channel);
        Integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        Pairs = new PairService.PairServiceClient(host.Channel);
    }

    public SalesforceEmulator Salesforce { get; }

    public RecordsApp App { get; }

    public RunningHost Host { get; }

    public SalesforceClient User { get; }

    public InstanceService.InstanceServiceClient Instances { get; }

    public IntegrationService.IntegrationServiceClient Integrations { get; }

    public PairService.PairServiceClient Pairs { get; }

    public static async Task<SyncFixture> StartAsync()
    {
        var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = 1_000_000 });
        var app = await RecordsApp.StartAsync();
        var data = new TempDirectory();
        var host = await RunningHost.StartAsync(data.Path, Path.Combine(AppContext.BaseDirectory, "test-plugins"));
        var http = new HttpClient();
        var user = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = new PasswordCredentials("platform-emulator", "emulator-secret", "admin@example.com", "emulator"),
        });
        return new SyncFixture(data, http, salesforce, app, host, user);
    }

    public async Task<Integration> ConnectAsync(params ObjectMappingConfig[] mappings)
    {
        await Instances.CreateInstanceAsync(new SaveInstanceRequest
        {
            Id = "emulated-org",
            Name = "Emulated org",
            LoginHost = Salesforce.BaseUrl.ToString(),
            Credentials = new Credentials { Password = new Credentials.Types.Password { ClientId = "platform-emulator", ClientSecret = "emulator-secret", Username = "admin@example.com", Password_ = "emulator" } },
            BudgetShare = 1,
        });
        var request = new SaveIntegrationRequest
        {
            Id = "contacts",
            InstanceId = "emulated-org",
            ConnectorId = "records",
            Settings = { ["baseUrl"] = App.BaseUrl.ToString(), ["apiKey"] = "s3cret-key" },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        };
        request.Mappings.AddRange(mappings);
        return await Integrations.CreateIntegrationAsync(request);
    }

    public static ObjectMappingConfig ContactMapping(ConflictPolicy policy = ConflictPolicy.SalesforceIsMaster) => new()
    {
        Name = "contacts",
        Entity = "contact",
        SalesforceObject = "Contact",
        Direction = SyncDirection.Both,
        ConflictPolicy = policy,
        Match = new MatchRule { KeyFields = { new MatchKeyField { AppField = "email", SalesforceField = "Email" } } },
        Fields =
        {
            new FieldMappingConfig { AppField = "firstName", SalesforceField = "FirstName" },
            new FieldMappingConfig { AppField = "lastName", SalesforceField = "LastName" },
            new FieldMappingConfig { AppField = "email", SalesforceField = "Email" },
            new FieldMappingConfig { AppField = "title", SalesforceField = "Title" },
        },
    };

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
        await Host.DisposeAsync();
        await App.DisposeAsync();
        await Salesforce.DisposeAsync();
        _data.Dispose();
    }
}
