using System.Text.Json.Nodes;
using Platform.Control.V1;
using Platform.Emulators.ReferralRock;
using Platform.Emulators.Salesforce;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The shipped Referral Rock connector end to end: the host with its plugins, the Salesforce emulator with the Lead and
/// Contact fields Referral Rock fills in, the Referral Rock API emulator with a program and a member, and a Salesforce user.
/// </summary>
internal sealed class ReferralRockFixture : IAsyncDisposable
{
    public const string IntegrationId = "referralrock";

    private readonly ConnectorTestHost _bed;

    private ReferralRockFixture(ConnectorTestHost bed, ReferralRockEmulator referralRock)
    {
        _bed = bed;
        ReferralRock = referralRock;
        Program = referralRock.Store.AddProgram("partners", "Partner Program");
        Member = Store.CreateMember(new JsonObject
        {
            ["programId"] = Program.Id,
            ["firstName"] = "Maya",
            ["lastName"] = "Advocate",
            ["email"] = "maya@advocates.example",
            ["phone"] = "+1 555 0100",
            ["externalIdentifier"] = "CUST-42",
            ["customText1Name"] = "Region",
            ["customText1Value"] = "EMEA",
        }).Member!;
    }

    public SalesforceEmulator Salesforce => _bed.Salesforce;

    public ReferralRockEmulator ReferralRock { get; }

    public ReferralRockStore Store => ReferralRock.Store;

    public SalesforceClient User => _bed.User;

    public ProgramRecord Program { get; }

    public MemberRecord Member { get; }

    public IntegrationService.IntegrationServiceClient Integrations => _bed.Integrations;

    public PairService.PairServiceClient Pairs => _bed.Pairs;

    public InstanceService.InstanceServiceClient Instances => _bed.Instances;

    public EntryService.EntryServiceClient Entries => _bed.Entries;

    public static async Task<ReferralRockFixture> StartAsync(bool sandbox = false)
    {
        var bed = await ConnectorTestHost.StartAsync(
            ConnectorOrgs.ReferralRock,
            sandbox);
        return new ReferralRockFixture(bed, await ReferralRockEmulator.StartAsync(time: bed.Time));
    }

    /// <summary>Binds Referral Rock to the org (default mappings when none are given), syncing only when told.</summary>
    public Task<Integration> ConnectAsync(string existingEmailRule = "UpdateExisting", params ObjectMappingConfig[] mappings) =>
        ConnectAsync(IntegrationId, "org", ReferralRock.PublicKey, existingEmailRule, mappings);

    public Task<Integration> ConnectAsync(string id, string instanceId, string publicKey, string existingEmailRule = "UpdateExisting", params ObjectMappingConfig[] mappings)
    {
        var request = Request(id, instanceId, publicKey);
        request.Settings["appUrl"] = "https://acme.referralrock.example/";
        request.Settings["existingEmailRule"] = existingEmailRule;
        request.Mappings.AddRange(mappings);
        return Integrations.CreateIntegrationAsync(request).ResponseAsync;
    }

    /// <summary>An integration of this account (its API and keys) that syncs only when told.</summary>
    private SaveIntegrationRequest Request(string id, string instanceId, string publicKey) => new()
    {
        Id = id,
        InstanceId = instanceId,
        ConnectorId = "referralrock",
        Settings = { ["apiBaseUrl"] = ReferralRock.BaseUrl.ToString(), ["publicKey"] = publicKey, ["privateKey"] = ReferralRock.PrivateKey },
        Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
    };

    /// <summary>
    /// Binds Referral Rock's sales receiver alone (no mappings) with these process-rule settings, runs the first cycle
    /// (which starts the receiver's watch) and moves the clocks a second on, so changes made next are after the start.
    /// </summary>
    public async Task<Integration> ConnectReceiverAsync(Receiver receiver, params (string Key, string Value)[] settings)
    {
        var integration = await Integrations.CreateIntegrationAsync(ReceiverRequest(receiver, settings));
        await SyncAsync();
        AdvanceClocks(TimeSpan.FromSeconds(1));
        return integration;
    }

    /// <summary>The receiver alone (no mappings) as an operator saves it, with these settings over the defaults.</summary>
    public SaveIntegrationRequest ReceiverRequest(Receiver receiver, params (string Key, string Value)[] settings)
    {
        var request = Request(IntegrationId, "org", ReferralRock.PublicKey);
        request.Receiver = receiver;
        request.NoMappings = true;
        foreach (var (key, value) in settings)
        {
            request.Settings[key] = value;
        }

        return request;
    }

    /// <summary>A receiver with these triggers (object, field, value, status) and fields (name ← Object.Field).</summary>
    public static Receiver Receiver((string Object, string Field, string Value, string Action)[] triggers, params (string Name, string Source)[] fields)
    {
        var receiver = new Receiver();
        receiver.Triggers.AddRange(triggers.Select(t => new ReceiverTrigger { Object = t.Object, Field = t.Field, Value = t.Value, Action = t.Action }));
        receiver.Fields.AddRange(fields.Select(f => new ReceiverFieldConfig { Name = f.Name, Source = f.Source }));
        return receiver;
    }

    /// <summary>Closed Won opportunities approve referrals; the opportunity's Referral ID and Amount travel with the entry.</summary>
    public static Receiver ClosedWonApproves(params (string Name, string Source)[] more) =>
        Receiver([("Opportunity", "StageName", "Closed Won", "approved")], [("referralId", "Opportunity.Referral_ID__c"), ("amount", "Opportunity.Amount"), .. more]);

    public Task<string> CreateOpportunityAsync(string stage, decimal amount, string? referralId = null, string? accountId = null) =>
        User.CreateAsync("Opportunity", new Dictionary<string, object?>
        {
            ["Name"] = $"Deal {amount}",
            ["StageName"] = stage,
            ["CloseDate"] = new DateOnly(2026, 12, 31),
            ["Amount"] = amount,
            ["Referral_ID__c"] = referralId,
            ["AccountId"] = accountId,
        });

    /// <summary>The integration's entries, newest first.</summary>
    public async Task<IReadOnlyList<Entry>> EntriesAsync(EntryStatus status = EntryStatus.Unspecified) =>
        (await Entries.ListEntriesAsync(new ListEntriesRequest { IntegrationId = IntegrationId, Status = status })).Entries;

    /// <summary>A referral-add mapping for one program: the fields Referral Rock always sets, plus <paramref name="extra"/>.</summary>
    public static ObjectMappingConfig AddMapping(string name, string salesforceObject, string? programId, params (string App, string Salesforce)[] extra)
    {
        var mapping = new ObjectMappingConfig
        {
            Name = name,
            Entity = "referral",
            SalesforceObject = salesforceObject,
            Direction = SyncDirection.ToSalesforce,
            Match = new MatchRule { ExternalIdField = "Referral_ID__c", KeyFields = { new MatchKeyField { AppField = "email", SalesforceField = "Email" } } },
        };
        if (programId is not null)
        {
            mapping.Filters.Add(new RecordFilter { Side = Side.App, Field = "programId", Values = { programId } });
        }

        var company = salesforceObject == "Lead" ? "Company" : "Referral_Company__c";
        foreach (var (app, salesforce) in new[]
        {
            ("firstName", "FirstName"), ("lastName", "LastName"), ("email", "Email"), ("companyName", company), ("id", "Referral_ID__c"),
            ("source", "LeadSource"), ("sourceNote", "Referral_Source_Note__c"), ("memberUrl", "Referral_Member_URL__c"), ("referralUrl", "Referral_URL__c"),
        }.Concat(extra))
        {
            mapping.Fields.Add(new FieldMappingConfig { AppField = app, SalesforceField = salesforce, Direction = SyncDirection.ToSalesforce });
        }

        return mapping;
    }

    public ReferralRecord AddReferral(string firstName, string lastName, string email, string? company = null, MemberRecord? member = null, params (string Property, string? Value)[] values)
    {
        var body = new JsonObject
        {
            ["referralCode"] = (member ?? Member).ReferralCode,
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["email"] = email,
            ["companyName"] = company,
        };
        foreach (var (property, value) in values)
        {
            body[property] = value;
        }

        var (referral, error) = Store.CreateReferral(body);
        error.ShouldBeNull();
        return referral!;
    }

    public ReferralRecord Referral(string id) => Store.GetReferral(id).ShouldNotBeNull();

    public Task<CycleReport> SyncAsync(string id = IntegrationId) => _bed.SyncAsync(id);

    public Task<string> CreateLeadAsync(string lastName, string email, string company = "Existing Co") =>
        User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = lastName, ["Email"] = email, ["Company"] = company });

    /// <summary>Every record of the object, with the fields asked for.</summary>
    public async Task<IReadOnlyList<SalesforceRecord>> RecordsAsync(string objectName, params string[] fields)
    {
        var records = new List<SalesforceRecord>();
        await foreach (var record in User.ReadAsync(Soql.Format($"SELECT {SoqlIdentifier.List(["Id", .. fields])} FROM {SoqlIdentifier.Of(objectName)} ORDER BY CreatedDate, Id")))
        {
            records.Add(record);
        }

        return records;
    }

    public Task<Pair> PairOfReferralAsync(string referralId, string mapping = "referral") =>
        Pairs.GetPairAsync(new GetPairRequest { IntegrationId = IntegrationId, Mapping = mapping, AppId = referralId }).ResponseAsync;

    public Task<IReadOnlyList<SyncLogEntry>> LogAsync(string recordId, string state = "") => _bed.LogAsync(IntegrationId, recordId, state);

    /// <summary>Moves the host's, Referral Rock's and the org's clocks forward together.</summary>
    public void AdvanceClocks(TimeSpan by) => _bed.AdvanceClocks(by);

    public async ValueTask DisposeAsync()
    {
        await _bed.DisposeAsync();
        await ReferralRock.DisposeAsync();
    }
}
