using Platform.Sdk;

namespace Platform.Sync.Tests;

/// <summary>Two in-memory "systems" and one pair, synced by the pure engine exactly as the grains drive it.</summary>
internal sealed class Simulation
{
    public static readonly EntitySchema Entity = new()
    {
        Name = "client",
        Fields =
        [
            new() { Name = "name", Type = FieldType.String },
            new() { Name = "status", Type = FieldType.Picklist },
            new() { Name = "amount", Type = FieldType.Currency },
            new() { Name = "owner", Type = FieldType.String },
            new() { Name = "code", Type = FieldType.String },
            new() { Name = "since", Type = FieldType.Date },
            new() { Name = "crmId", Type = FieldType.String },
        ],
    };

    private static readonly Dictionary<string, SalesforceFieldInfo> Describe = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Name"] = new("Name", "string", true, true),
        ["Status__c"] = new("Status__c", "picklist", true, true),
        ["Amount__c"] = new("Amount__c", "currency", true, true),
        ["Owner__c"] = new("Owner__c", "string", true, true),
        ["Code__c"] = new("Code__c", "string", true, true),
        ["Since__c"] = new("Since__c", "date", true, true),
        ["AccountNumber"] = new("AccountNumber", "string", true, true),
    };

    private long _ticks;

    public Simulation(ConflictPolicyKind policy = ConflictPolicyKind.SalesforceIsMaster, DeletePolicy deletes = DeletePolicy.Delete, MatchRule? match = null, ConnectorRules? connector = null)
    {
        Rules = MappingRules.Compile("int-1", Mapping(policy, deletes) with { Match = match ?? new() }, Entity, f => Describe.GetValueOrDefault(f), connector);
        State = new PairState { IntegrationId = "int-1", Mapping = "clients", PairId = "p1" };
    }

    public MappingRules Rules { get; }

    public PairState State { get; }

    public Dictionary<string, string?> App { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Salesforce { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? AppId { get; private set; }

    public string? SalesforceId { get; private set; }

    public bool AppDeleted { get; private set; }

    public bool SalesforceDeleted { get; private set; }

    public DateTimeOffset AppModifiedAt { get; private set; }

    public DateTimeOffset SalesforceModifiedAt { get; private set; }

    /// <summary>When the Salesforce record was created, as its feed reports. Default: when it was first given.</summary>
    public DateTimeOffset? SalesforceCreatedAt { get; set; }

    public int Writes { get; private set; }

    public List<OutboxEntry> Sent { get; } = [];

    public static ObjectMappingConfig Mapping(ConflictPolicyKind policy, DeletePolicy deletes) => new()
    {
        Name = "clients",
        Entity = "client",
        SalesforceObject = "Account",
        ConflictPolicy = policy,
        DeletePolicy = deletes,
        Fields =
        [
            new() { AppField = "name", SalesforceField = "Name" },
            new() { AppField = "status", SalesforceField = "Status__c", ValueMap = new Dictionary<string, string> { ["active"] = "Customer", ["churned"] = "Former" } },
            new() { AppField = "amount", SalesforceField = "Amount__c" },
            new() { AppField = "owner", SalesforceField = "Owner__c", Direction = Direction.ToApp },
            new() { AppField = "code", SalesforceField = "Code__c", Direction = Direction.ToSalesforce },
            new() { AppField = "since", SalesforceField = "Since__c", FirstSyncOnly = true },
        ],
    };

    public Simulation WithAppRecord(params (string Field, string? Value)[] values)
    {
        AppId = "a1";
        foreach (var (field, value) in values)
        {
            App[field] = value;
        }

        AppModifiedAt = Tick();
        return this;
    }

    public Simulation WithSalesforceRecord(params (string Field, string? Value)[] values)
    {
        SalesforceId = "001000000000001AAA";
        foreach (var (field, value) in values)
        {
            Salesforce[field] = value;
        }

        SalesforceModifiedAt = Tick();
        SalesforceCreatedAt ??= SalesforceModifiedAt;
        return this;
    }

    public void EditApp(string field, string? value)
    {
        App[field] = value;
        AppModifiedAt = Tick();
    }

    public void EditSalesforce(string field, string? value)
    {
        Salesforce[field] = value;
        SalesforceModifiedAt = Tick();
    }

    public void DeleteSalesforce()
    {
        SalesforceDeleted = true;
        SalesforceModifiedAt = Tick();
    }

    /// <summary>One cycle: both sides report their records, the engine plans, the writes land, the outcomes are confirmed.</summary>
    /// <returns>The writes made.</returns>
    public IReadOnlyList<OutboxEntry> Sync(Func<OutboxEntry, WriteOutcome?>? fail = null)
    {
        if (AppId is not null)
        {
            PairEngine.Observe(State, new Observation { Side = Side.App, Id = AppId, Values = new Dictionary<string, string?>(App), ModifiedAt = AppModifiedAt, Deleted = AppDeleted }, Rules);
        }

        if (SalesforceId is not null)
        {
            PairEngine.Observe(State, new Observation { Side = Side.Salesforce, Id = SalesforceId, Values = new Dictionary<string, string?>(Salesforce), ModifiedAt = SalesforceModifiedAt, Deleted = SalesforceDeleted, CreatedAt = SalesforceCreatedAt }, Rules);
        }

        var now = Tick();
        var planned = PairEngine.Plan(State, Rules, now, allowCreates: true);
        foreach (var entry in planned)
        {
            if (fail?.Invoke(entry) is { } failure)
            {
                PairEngine.Confirm(State, failure with { Sequence = entry.Sequence }, now);
                continue;
            }

            PairEngine.Confirm(State, WriteOutcome.Success(entry.Sequence, Deliver(entry)), now);
        }

        Writes += planned.Count;
        Sent.AddRange(planned);
        return planned;
    }

    private string Deliver(OutboxEntry entry)
    {
        var toApp = entry.Target == Side.App;
        var target = toApp ? App : Salesforce;
        switch (entry.Kind)
        {
            case WriteKind.Create:
                if (toApp)
                {
                    AppId = "a-created";
                }
                else
                {
                    SalesforceId = "001000000000002AAA";
                }

                break;
            case WriteKind.Delete:
                if (toApp)
                {
                    AppDeleted = true;
                }
                else
                {
                    SalesforceDeleted = true;
                }

                return toApp ? AppId! : SalesforceId!;
        }

        foreach (var (field, value) in entry.Values)
        {
            target[field] = value;
        }

        if (toApp)
        {
            AppModifiedAt = Tick();
        }
        else
        {
            SalesforceModifiedAt = Tick();
        }

        return toApp ? AppId! : SalesforceId!;
    }

    private DateTimeOffset Tick() => DateTimeOffset.UnixEpoch.AddSeconds(++_ticks);
}
