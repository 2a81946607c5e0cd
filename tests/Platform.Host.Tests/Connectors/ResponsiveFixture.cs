using Platform.Control.V1;
using Platform.Emulators.Responsive;
using Platform.Emulators.Salesforce;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The shipped Responsive connector end to end: the host with its plugins, the Salesforce emulator with Responsive's
/// managed package installed (the reporting object, <c>Responsive_Project__c</c>), the Responsive API emulator, and a
/// Salesforce user.
/// </summary>
internal sealed class ResponsiveFixture : IAsyncDisposable
{
    public const string IntegrationId = "responsive";
    public const string Owner = "pat.proposal@acme.example";

    private readonly ConnectorTestHost _bed;

    private ResponsiveFixture(ConnectorTestHost bed, ResponsiveEmulator responsive)
    {
        _bed = bed;
        Responsive = responsive;
    }

    public SalesforceEmulator Salesforce => _bed.Salesforce;

    public ResponsiveEmulator Responsive { get; }

    public ResponsiveStore Store => Responsive.Store;

    public SalesforceClient User => _bed.User;

    public IntegrationService.IntegrationServiceClient Integrations => _bed.Integrations;

    public PairService.PairServiceClient Pairs => _bed.Pairs;

    public InstanceService.InstanceServiceClient Instances => _bed.Instances;

    public LookupService.LookupServiceClient Lookups => _bed.Lookups;

    /// <summary>The host's address and admin key, for the CLI.</summary>
    public (string Address, string AdminKey) Cli => (_bed.Address, _bed.AdminKey);

    public static async Task<ResponsiveFixture> StartAsync()
    {
        var bed = await ConnectorTestHost.StartAsync(ManagedPackages.Responsive);
        return new ResponsiveFixture(bed, await ResponsiveEmulator.StartAsync(time: bed.Time));
    }

    /// <summary>Connects the Responsive organisation to the org with the default mapping (syncing only when told) and these settings.</summary>
    public Task<Integration> ConnectAsync(params (string Key, string Value)[] settings) => ConnectAsync(IntegrationId, "org", settings);

    public async Task<Integration> ConnectAsync(string id, string instanceId, params (string Key, string Value)[] settings)
    {
        var request = Request(id, instanceId);
        foreach (var (key, value) in settings)
        {
            request.Settings[key] = value;
        }

        return await Integrations.CreateIntegrationAsync(request);
    }

    public SaveIntegrationRequest Request(string id = IntegrationId, string instanceId = "org") => new()
    {
        Id = id,
        InstanceId = instanceId,
        ConnectorId = "responsive",
        Settings = { ["apiBaseUrl"] = Responsive.BaseUrl.ToString(), ["apiToken"] = Responsive.Token },
        Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
    };

    public Task<CycleReport> SyncAsync(string integrationId = IntegrationId) => _bed.SyncAsync(integrationId);

    public void AdvanceClocks(TimeSpan by) => _bed.AdvanceClocks(by);

    public Task<IReadOnlyList<SyncLogEntry>> LogAsync(string recordId, string state = "") => _bed.LogAsync(IntegrationId, recordId, state);

    public async Task<string> CreateOpportunityAsync(string name, decimal amount, string? accountId = null) =>
        await User.CreateAsync("Opportunity", new Dictionary<string, object?>
        {
            ["Name"] = name,
            ["StageName"] = "Prospecting",
            ["CloseDate"] = new DateOnly(2026, 12, 31),
            ["Amount"] = amount,
            ["AccountId"] = accountId,
        });

    /// <summary>The reporting record published for a project (by its Responsive id), as Salesforce reports read it.</summary>
    public async Task<SalesforceRecord?> ReportingRecordAsync(long projectId)
    {
        var id = projectId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await foreach (var record in User.ReadAsync(Soql.Format($"SELECT Id, Name, Stage__c, Due_Date__c, Primary_Contact__c, Opportunity__c, Account__c, Last_Activity__c FROM Responsive_Project__c WHERE Responsive_Project_Id__c = {id}")))
        {
            return record;
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _bed.DisposeAsync();
        await Responsive.DisposeAsync();
    }
}
