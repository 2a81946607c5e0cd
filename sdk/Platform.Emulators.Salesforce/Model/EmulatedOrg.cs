using System.Text.Json;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// One emulated Salesforce org: schema, records, users, connected apps, sessions, limits, faults and logs. Reset puts
/// it back to its seed; snapshots save and restore its records.
/// </summary>
public sealed class EmulatedOrg
{
    private const string InstanceCode = "5g";
    private readonly SalesforceEmulatorOptions _options;
    private readonly Dictionary<string, UserAccount> _users = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ConnectedApp> _apps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _defaultRecordTypes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, StoreSnapshot> _snapshots = new(StringComparer.Ordinal);

    internal EmulatedOrg(SalesforceEmulatorOptions options)
    {
        _options = options;
        Clock = new EmulatorClock(options.TimeProvider);
        Usage = new ApiUsageMeter(Clock) { DailyLimit = options.DailyApiRequests };
        Faults = new FaultInjector(options.FaultSeed);
        Faults.Set(options.Faults);
        OrgId = SalesforceId.Create("00D", 1, InstanceCode);
        Tokens = new TokenService(Clock, OrgId) { TokenLifetime = options.TokenLifetime };
        Cursors = new QueryCursors(Clock);
        Build();
    }

    public string OrgId { get; }

    public EmulatorClock Clock { get; }

    public OrgSchema Schema { get; private set; } = null!;

    public OrgStore Store { get; private set; } = null!;

    public OrgSettings Settings { get; private set; } = null!;

    public ApiUsageMeter Usage { get; }

    public CallLog Calls { get; } = new();

    public FaultInjector Faults { get; }

    public decimal MaxApiVersion => _options.MaxApiVersion;

    /// <summary>The default user (the first one), who runs the client credentials flow unless an app says otherwise.</summary>
    public UserAccount DefaultUser => _users[_options.Username];

    public IReadOnlyCollection<UserAccount> Users => _users.Values;

    public IReadOnlyCollection<ConnectedApp> Apps => _apps.Values;

    internal TokenService Tokens { get; }

    internal QueryCursors Cursors { get; }

    internal RecordWriter Writer { get; private set; } = null!;

    public UserAccount? FindUser(string username) => _users.GetValueOrDefault(username);

    public UserAccount? FindUserById(string userId) => _users.Values.FirstOrDefault(u => u.UserId == userId);

    public ConnectedApp? FindApp(string clientId) => _apps.GetValueOrDefault(clientId);

    /// <summary>Ends every session now (refresh tokens stay valid), as if they had timed out; returns how many ended.</summary>
    public int ExpireSessions() => Tokens.ExpireSessions();

    /// <summary>Every access and refresh token the org has issued, so a test can check that none leaks.</summary>
    public IReadOnlyCollection<string> IssuedTokens => Tokens.Issued;

    /// <summary>How many live refresh tokens the user holds (the web-server flow issues one per consent; revocation removes it).</summary>
    public int RefreshTokenCount(string username) => FindUser(username) is { } user ? Tokens.RefreshTokenCount(user.UserId) : 0;

    /// <summary>Adds (or replaces) a connected app.</summary>
    public void AddApp(ConnectedApp app)
    {
        lock (Store.Sync)
        {
            _apps[app.ClientId] = app;
        }
    }

    /// <summary>Adds a user (a User record plus credentials and permissions).</summary>
    public UserAccount AddUser(UserSeed seed)
    {
        lock (Store.Sync)
        {
            if (_users.TryGetValue(seed.Username, out var existing))
            {
                var updated = existing with { Password = seed.Password, Permissions = seed.Permissions };
                _users[seed.Username] = updated;
                return updated;
            }

            var type = Schema.Find("User")!;
            var row = Store.Insert(type, new Dictionary<FieldDefinition, object?>
            {
                [type.Field("Username")!] = seed.Username,
                [type.Field("FirstName")!] = seed.FirstName,
                [type.Field("LastName")!] = seed.LastName,
                [type.Field("Email")!] = seed.Email ?? seed.Username,
                [type.Field("Alias")!] = seed.LastName.Length > 8 ? seed.LastName[..8] : seed.LastName,
            }, _users.Count == 0 ? SalesforceId.Create("005", 1, InstanceCode) : DefaultUser.UserId, client: null);
            var account = new UserAccount(row.Id, seed.Username, seed.Password, seed.Permissions);
            _users[seed.Username] = account;
            return account;
        }
    }

    /// <summary>Applies a seed document: settings, users, apps, schema, record types, then records.</summary>
    public void Apply(SeedDocument seed)
    {
        lock (Store.Sync)
        {
            if (seed.Org is { } org)
            {
                Settings.OrgName = org.Name ?? Settings.OrgName;
                Settings.IsSandbox = org.IsSandbox ?? Settings.IsSandbox;
                Settings.DuplicateRule = org.DuplicateRule ?? Settings.DuplicateRule;
                if (org.DailyApiRequests is { } limit)
                {
                    Usage.DailyLimit = limit;
                }
            }

            foreach (var user in seed.Users)
            {
                AddUser(user);
            }

            foreach (var app in seed.ConnectedApps)
            {
                AddApp(app);
            }

            foreach (var spec in seed.Objects)
            {
                Schema.DefineObject(spec, Clock.Timestamp);
            }

            foreach (var (objectName, fields) in seed.Fields)
            {
                foreach (var field in fields)
                {
                    Schema.AddField(objectName, field, Clock.Timestamp);
                }
            }

            foreach (var recordType in seed.RecordTypes)
            {
                AddRecordType(recordType);
            }

            SeedRecords(seed.Records);
        }
    }

    public RecordRow AddRecordType(RecordTypeSeed seed)
    {
        lock (Store.Sync)
        {
            if (Schema.Find(seed.SobjectType) is null)
            {
                throw new SchemaException($"There is no object named {seed.SobjectType}.");
            }

            var type = Schema.Find("RecordType")!;
            var row = Store.Insert(type, new Dictionary<FieldDefinition, object?>
            {
                [type.Field("Name")!] = seed.Name ?? seed.DeveloperName,
                [type.Field("DeveloperName")!] = seed.DeveloperName,
                [type.Field("SobjectType")!] = seed.SobjectType,
                [type.Field("IsActive")!] = true,
            }, DefaultUser.UserId, client: null);
            if (seed.IsDefault)
            {
                _defaultRecordTypes[seed.SobjectType] = row.Id;
            }

            return row;
        }
    }

    /// <summary>Puts the org back to how it started: schema, records, users, apps, settings, limits and logs.</summary>
    public void Reset()
    {
        lock (Store.Sync)
        {
            Build();
            Usage.Reset();
            Usage.DailyLimit = _options.DailyApiRequests;
            Calls.Clear();
            Cursors.Clear();
            Faults.Set(_options.Faults);
        }
    }

    /// <summary>Saves the org's records under a name (the schema is not part of a snapshot).</summary>
    public void SaveSnapshot(string name)
    {
        lock (Store.Sync)
        {
            _snapshots[name] = Store.Snapshot();
        }
    }

    public bool RestoreSnapshot(string name)
    {
        lock (Store.Sync)
        {
            if (!_snapshots.TryGetValue(name, out var snapshot))
            {
                return false;
            }

            Store.Restore(snapshot);
            Cursors.Clear();
            return true;
        }
    }

    internal IReadOnlyDictionary<string, string> DefaultRecordTypes => _defaultRecordTypes;

    private void Build()
    {
        Schema = new OrgSchema(Clock.Timestamp);
        Store = new OrgStore(Schema, Clock, InstanceCode);
        Settings = new OrgSettings { DuplicateRule = _options.DuplicateRule, IsSandbox = _options.IsSandbox };
        Writer = new RecordWriter(Store, Settings, _defaultRecordTypes);
        _users.Clear();
        _apps.Clear();
        _defaultRecordTypes.Clear();
        _snapshots.Clear();
        AddUser(new UserSeed { Username = _options.Username, Password = _options.Password, FirstName = "Emulator", LastName = "Admin" });
        AddApp(new ConnectedApp { ClientId = _options.ClientId, ClientSecret = _options.ClientSecret });
        var organization = Schema.Find("Organization")!;
        Store.Insert(organization, new Dictionary<FieldDefinition, object?>
        {
            [organization.Field("Name")!] = Settings.OrgName,
            [organization.Field("IsSandbox")!] = Settings.IsSandbox,
            [organization.Field("InstanceName")!] = "EMU1",
            [organization.Field("OrganizationType")!] = "Developer Edition",
        }, DefaultUser.UserId, client: null);
        if (_options.Seed is { } seed)
        {
            Apply(seed);
        }

        if (_options.SeedFile is { } file)
        {
            Apply(JsonSerializer.Deserialize<SeedDocument>(File.ReadAllText(file), SeedDocument.JsonOptions)
                ?? throw new SchemaException($"The seed file {file} is empty."));
        }
    }

    private void SeedRecords(IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> records)
    {
        var handles = new Dictionary<string, string>(StringComparer.Ordinal);
        var caller = Caller.System(DefaultUser);
        foreach (var (objectName, list) in records)
        {
            var type = Schema.Find(objectName) ?? throw new SchemaException($"Seed records name {objectName}, which is not an object of this org.");
            foreach (var record in list)
            {
                var result = Writer.Create(type, record, caller, handle => handles.GetValueOrDefault(handle));
                if (!result.Succeeded)
                {
                    var error = result.Errors[0];
                    throw new SchemaException($"Seed record {objectName} {record} was refused: {error.ErrorCode}: {error.Message}");
                }

                if (record.TryGetProperty("$ref", out var handle) && handle.GetString() is { } name)
                {
                    handles[name] = result.Row!.Id;
                }
            }
        }
    }
}
