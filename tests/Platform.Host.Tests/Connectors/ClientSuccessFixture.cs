using System.Text.Json;
using Platform.Control.V1;
using Platform.Emulators.ClientSuccess;
using Platform.Emulators.Salesforce;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The shipped ClientSuccess connector end to end: the host with its plugins, the Salesforce emulator with the
/// ClientSuccess managed package's Account fields, the ClientSuccess API emulator, and a Salesforce user editing the org.
/// </summary>
internal sealed class ClientSuccessFixture : IAsyncDisposable
{
    public const string AssignedCsmField = ConnectorOrgs.AssignedCsmField;
    public const string SuccessScoreField = ConnectorOrgs.SuccessScoreField;

    private readonly ConnectorTestHost _bed;

    private ClientSuccessFixture(ConnectorTestHost bed, ClientSuccessEmulator clientSuccess)
    {
        _bed = bed;
        ClientSuccess = clientSuccess;
    }

    public SalesforceEmulator Salesforce => _bed.Salesforce;

    public ClientSuccessEmulator ClientSuccess { get; }

    public SalesforceClient User => _bed.User;

    public IntegrationService.IntegrationServiceClient Integrations => _bed.Integrations;

    public PairService.PairServiceClient Pairs => _bed.Pairs;

    public static async Task<ClientSuccessFixture> StartAsync()
    {
        var bed = await ConnectorTestHost.StartAsync(ConnectorOrgs.ClientSuccess);
        return new ClientSuccessFixture(bed, await ClientSuccessEmulator.StartAsync(time: bed.Time));
    }

    public static ObjectMappingConfig ClientMapping(params FieldMappingConfig[] optionalFields)
    {
        var mapping = new ObjectMappingConfig
        {
            Name = "clients",
            Entity = "client",
            SalesforceObject = "Account",
            Direction = SyncDirection.Both,
            Match = new MatchRule { SalesforceIdAppField = "crmCustomerId" },
            Filters = { new RecordFilter { Side = Side.Salesforce, Field = "Type", Values = { "Customer - Direct", "Customer - Channel" } } },
            Fields =
            {
                new FieldMappingConfig { AppField = "name", SalesforceField = "Name", Direction = SyncDirection.Both },
                new FieldMappingConfig { AppField = "assignedCsm", SalesforceField = AssignedCsmField, Direction = SyncDirection.ToSalesforce },
                new FieldMappingConfig { AppField = "successScore", SalesforceField = SuccessScoreField, Direction = SyncDirection.ToSalesforce },
                new FieldMappingConfig { AppField = "assignedSalesRep", SalesforceField = "Owner.Name", Direction = SyncDirection.ToApp },
            },
        };
        mapping.Fields.AddRange(optionalFields);
        return mapping;
    }

    /// <summary>Contacts of paired accounts; the client reference is inferred from the contact's <c>clientId</c> field.</summary>
    public static ObjectMappingConfig ContactMapping() => new()
    {
        Name = "contacts",
        Entity = "contact",
        SalesforceObject = "Contact",
        Direction = SyncDirection.Both,
        Match = new MatchRule { SalesforceIdAppField = "crmContactId" },
        Fields =
        {
            new FieldMappingConfig { AppField = "clientId", SalesforceField = "AccountId" },
            new FieldMappingConfig { AppField = "firstName", SalesforceField = "FirstName" },
            new FieldMappingConfig { AppField = "lastName", SalesforceField = "LastName" },
            new FieldMappingConfig { AppField = "title", SalesforceField = "Title" },
            new FieldMappingConfig { AppField = "email", SalesforceField = "Email" },
            new FieldMappingConfig { AppField = "phone", SalesforceField = "Phone" },
            new FieldMappingConfig { AppField = "mobile", SalesforceField = "MobilePhone" },
            new FieldMappingConfig { AppField = "description", SalesforceField = "Description" },
        },
    };

    public Task<string> CreateContactAsync(string lastName, string? accountId, params (string Field, object? Value)[] values) =>
        User.CreateAsync("Contact", new Dictionary<string, object?>(values.Select(v => KeyValuePair.Create(v.Field, v.Value))) { ["LastName"] = lastName, ["AccountId"] = accountId });

    public IReadOnlyList<ContactRecord> Contacts() => ClientSuccess.Store.Contacts(since: null, includeDeleted: false, clientUuid: null, page: 1, pageSize: 500);

    public ContactRecord Contact(string contactId) => Contacts().Single(c => c.CrmContactId == contactId);

    public Task<Integration> ConnectAsync(params ObjectMappingConfig[] mappings) =>
        Integrations.CreateIntegrationAsync(IntegrationRequest(ClientSuccess.ApiKey, mappings)).ResponseAsync;

    /// <summary>The integration as an operator saves it, signing in to ClientSuccess with <paramref name="apiKey"/>.</summary>
    public SaveIntegrationRequest IntegrationRequest(string apiKey, params ObjectMappingConfig[] mappings)
    {
        var request = new SaveIntegrationRequest
        {
            Id = "clientsuccess",
            InstanceId = "org",
            ConnectorId = "clientsuccess",
            Settings = { ["apiBaseUrl"] = ClientSuccess.BaseUrl.ToString(), ["apiKey"] = apiKey },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        };
        request.Mappings.AddRange(mappings);
        return request;
    }

    /// <summary>Moves the host's, ClientSuccess's and the org's clocks forward together (e.g. so the delete log is read again).</summary>
    public void AdvanceClocks(TimeSpan by) => _bed.AdvanceClocks(by);

    /// <summary>The pair of a client, as the control API shows it.</summary>
    public Task<Pair> PairOfClientAsync(string uuid) =>
        Pairs.GetPairAsync(new GetPairRequest { IntegrationId = "clientsuccess", Mapping = "clients", AppId = uuid }).ResponseAsync;

    /// <summary>The sync log's entries for a record (newest first), optionally in one state.</summary>
    public Task<IReadOnlyList<SyncLogEntry>> LogAsync(string recordId, string state = "") => _bed.LogAsync("clientsuccess", recordId, state);

    public Task<CycleReport> SyncAsync() => _bed.SyncAsync("clientsuccess");

    public Task<string> CreateAccountAsync(string name, string type, params (string Field, object? Value)[] values) =>
        User.CreateAsync("Account", new Dictionary<string, object?>(values.Select(v => KeyValuePair.Create(v.Field, v.Value))) { ["Name"] = name, ["Type"] = type });

    public async Task<SalesforceRecord> AccountAsync(string id) =>
        (await User.GetAsync("Account", id, ["Name", "Type", AssignedCsmField, SuccessScoreField]))!;

    public IReadOnlyList<ClientRecord> Clients() => ClientSuccess.Store.Clients(since: null, includeDeleted: false, crmCustomerId: null, page: 1, pageSize: 500);

    public ClientRecord Client(string accountId) => Clients().Single(c => c.CrmCustomerId == accountId);

    public string CreateClientInClientSuccess(string name, params (string Property, object? Value)[] values)
    {
        var body = JsonSerializer.SerializeToNode(values.ToDictionary(v => v.Property, v => v.Value))!.AsObject();
        body["name"] = name;
        return ClientSuccess.Store.CreateClient(body).Client!.Uuid;
    }

    public void EditClient(string uuid, params (string Property, object? Value)[] values) =>
        ClientSuccess.Store.UpdateClient(uuid, JsonSerializer.SerializeToNode(values.ToDictionary(v => v.Property, v => v.Value))!.AsObject()).Error.ShouldBeNull();

    public async ValueTask DisposeAsync()
    {
        await _bed.DisposeAsync();
        await ClientSuccess.DisposeAsync();
    }
}
