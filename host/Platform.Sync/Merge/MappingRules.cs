using Platform.Sdk;

namespace Platform.Sync;

/// <summary>An object mapping compiled for the engine: its field rules, filters, match rule and policies.</summary>
public sealed class MappingRules
{
    /// <summary>How a pair's note starts while it waits for a reference.</summary>
    public const string WaitingPrefix = "Waits for";

    public required string IntegrationId { get; init; }

    public required ObjectMappingConfig Config { get; init; }

    public required IReadOnlyList<FieldRule> Fields { get; init; }

    /// <summary>The connector's rule hooks. Default: <see cref="ConnectorRules.Default"/>.</summary>
    public ConnectorRules Connector { get; init; } = ConnectorRules.Default;

    public string Name => Config.Name;

    public Direction Direction => Config.Direction;

    /// <summary>App fields the engine reads: mapped, filter and match fields.</summary>
    public IReadOnlyList<string> AppFields => field ??= Fields.Select(f => f.AppField)
        .Concat(Config.Filters.Where(f => f.Side == Side.App).Select(f => f.Field))
        .Concat(KeyFields.Select(k => k.AppField))
        .Concat(Config.Match.SalesforceIdAppField is { } s ? [s] : [])
        .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Salesforce fields the engine reads (besides Id and the audit fields).</summary>
    public IReadOnlyList<string> SalesforceFields => field ??= Fields.Select(f => f.SalesforceField)
        .Concat(Config.Filters.Where(f => f.Side == Side.Salesforce).Select(f => f.Field))
        .Concat(KeyFields.Select(k => k.SalesforceField))
        .Concat(Config.Match.ExternalIdField is { } e ? [e] : [])
        .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>
    /// The parent records the mapped relationship paths read through, as paths (<c>Opportunity__r.Account.Name</c> gives
    /// <c>Opportunity__r</c> and <c>Opportunity__r.Account</c>): a change to one of them changes what the mapping reads
    /// although the record's own SystemModstamp stays as it was.
    /// </summary>
    public IReadOnlyList<string> ParentPaths => field ??= [.. SalesforceFields
        .Where(f => f.Contains('.', StringComparison.Ordinal))
        .SelectMany(f => Enumerable.Range(1, f.Count(c => c == '.')).Select(depth => string.Join('.', f.Split('.').Take(depth))))
        .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>
    /// The fields whose values identify the same record on both sides: the configured key fields, plus the pairing key
    /// when it is a Salesforce field other than the Id (an Id is found by record id instead).
    /// </summary>
    public IReadOnlyList<MatchKeyField> KeyFields => field ??= Config.Match is { SalesforceIdAppField: { } app, SalesforceKeyField: { } key }
        ? [.. Config.Match.KeyFields, new MatchKeyField(app, key)]
        : Config.Match.KeyFields;

    /// <summary>The field mappings whose values reference another mapping's records.</summary>
    public IReadOnlyList<FieldRule> References => field ??= [.. Fields.Where(f => f.ReferenceMapping is not null)];

    /// <summary>Whether a field of <paramref name="side"/> holds <see cref="ReferenceValue"/>s.</summary>
    public bool IsReference(Side side, string field) =>
        References.Any(r => side == Side.App ? r.AppField == field : string.Equals(r.SalesforceField, field, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Why a record must wait before it is created or updated: a reference names a record that is not paired yet, or a
    /// reference the app requires is empty. Null when it may sync.
    /// </summary>
    public string? WaitingReference(Side side, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var reference in References)
        {
            var field = side == Side.App ? reference.AppField : reference.SalesforceField;
            var value = values.GetValueOrDefault(field);
            if (string.IsNullOrEmpty(value) && reference.AppRequired)
            {
                return $"{WaitingPrefix} a value of {field} (the app requires it).";
            }

            if (!ReferenceValue.IsResolved(value))
            {
                return $"{WaitingPrefix} {field} {ReferenceValue.IdOn(side, value)} to be paired (mapping '{reference.ReferenceMapping}').";
            }
        }

        return null;
    }

    /// <summary>The describe type of a mapped Salesforce field; <c>string</c> for fields that are not mapped (external id, delete mark).</summary>
    public string SalesforceTypeOf(string field) => SalesforceTypes.GetValueOrDefault(field, "string");

    /// <summary>The type of a mapped app field; <see cref="FieldType.String"/> for fields that are not mapped.</summary>
    public FieldType AppTypeOf(string field) => AppTypes.GetValueOrDefault(field, FieldType.String);

    private Dictionary<string, string> SalesforceTypes => field ??= Fields
        .DistinctBy(f => f.SalesforceField, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(f => f.SalesforceField, f => f.SalesforceType, StringComparer.OrdinalIgnoreCase);

    private Dictionary<string, FieldType> AppTypes => field ??= Fields
        .DistinctBy(f => f.AppField, StringComparer.Ordinal)
        .ToDictionary(f => f.AppField, f => f.AppType, StringComparer.Ordinal);

    /// <summary>Whether a record with these canonical values passes the mapping's filters for its side.</summary>
    public bool PassesFilters(Side side, IReadOnlyDictionary<string, string?> values)
    {
        foreach (var filter in Config.Filters)
        {
            if (filter.Side != side)
            {
                continue;
            }

            var value = values.GetValueOrDefault(filter.Field) ?? "";
            var listed = filter.Values.Contains(value, StringComparer.OrdinalIgnoreCase);
            if (listed == filter.Exclude)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The record's match key (null when a key field is empty or no key is configured).</summary>
    public string? MatchKey(Side side, IReadOnlyDictionary<string, string?> values)
    {
        if (KeyFields.Count == 0)
        {
            return null;
        }

        var parts = new string[KeyFields.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            var key = KeyFields[i];
            var value = values.GetValueOrDefault(side == Side.App ? key.AppField : key.SalesforceField)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            parts[i] = value.ToUpperInvariant();
        }

        return string.Join('\u001f', parts);
    }

    /// <summary>The Salesforce record's pairing key, which the app field <see cref="MatchRule.SalesforceIdAppField"/> holds.</summary>
    public string? SalesforcePairingKey(string? salesforceId, IReadOnlyDictionary<string, string?> salesforceValues) =>
        Config.Match.SalesforceKeyField is { } key ? salesforceValues.GetValueOrDefault(key) : salesforceId;

    /// <summary>
    /// Why a linked pair's records no longer name each other through the pairing key (the app field that holds the
    /// Salesforce record's Id or key); null when they do, when the mapping has no pairing key, or when the app record
    /// never held the key (<paramref name="appBase"/> has none: the platform gives it the key).
    /// </summary>
    public string? PairingKeyMismatch(
        string salesforceId, IReadOnlyDictionary<string, string?> appValues, IReadOnlyDictionary<string, string?> appBase, IReadOnlyDictionary<string, string?> salesforceValues)
    {
        if (Config.Match.SalesforceIdAppField is not { } appField)
        {
            return null;
        }

        var keyField = Config.Match.SalesforceKeyField ?? "Id";
        var expected = SalesforcePairingKey(salesforceId, salesforceValues)?.Trim();
        var held = appValues.GetValueOrDefault(appField)?.Trim();
        var record = $"Salesforce {Config.SalesforceObject} {salesforceId}";
        if (string.IsNullOrEmpty(expected))
        {
            return $"{record} has no {keyField}, the pairing key the app's {appField} holds ('{held}'); sync resumes when it is restored.";
        }

        if (string.IsNullOrEmpty(held))
        {
            return !appBase.ContainsKey(appField) ? null : $"The app record's {appField} is empty; it must hold {record}'s {keyField} '{expected}' (the pairing key). Sync resumes when it is restored.";
        }

        var same = Config.Match.SalesforceKeyField is null ? SameSalesforceId(held, expected) : string.Equals(held, expected, StringComparison.OrdinalIgnoreCase);
        return same ? null : $"The app record's {appField} is '{held}', but its pair is {record} ({keyField} '{expected}'); sync resumes when the pairing key matches again.";
    }

    /// <summary>Salesforce ids are 15 case-sensitive characters, or 18 with a suffix that makes them case-insensitive.</summary>
    private static bool SameSalesforceId(string a, string b) =>
        a.Length == 18 && b.Length == 18
            ? string.Equals(a, b, StringComparison.OrdinalIgnoreCase)
            : a.Length is 15 or 18 && b.Length is 15 or 18 && a.AsSpan(0, 15).SequenceEqual(b.AsSpan(0, 15));

    /// <summary>Compiles a mapping; <paramref name="describe"/> finds a Salesforce field's facts (null when unknown: typed as text).</summary>
    public static MappingRules Compile(string integrationId, ObjectMappingConfig config, EntitySchema entity, Func<string, SalesforceFieldInfo?> describe, ConnectorRules? connector = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(describe);
        // A hidden field is not synced; one the app shows read-only only receives values from Salesforce.
        var fields = config.Fields.Where(f => f.Display?.Visible != false).Select(f =>
        {
            var sf = describe(f.SalesforceField);
            var app = ExtensionFields.Resolve(entity, f.AppField, sf?.Type);
            return new FieldRule
            {
                AppField = app?.Name ?? f.AppField,
                SalesforceField = sf?.Name ?? f.SalesforceField,
                AppType = app?.Type ?? FieldType.String,
                SalesforceType = sf?.Type ?? "string",
                Direction = FieldRule.Intersect(FieldRule.Intersect(config.Direction, f.Direction), f.Display?.Editable == false ? Direction.ToApp : Direction.Both),
                FirstSyncOnly = f.FirstSyncOnly,
                SalesforceCreateable = sf?.Createable ?? true,
                SalesforceUpdateable = sf?.Updateable ?? true,
                AppWritable = app is null || !app.ReadOnly,
                Values = new ValueMap(f.ValueMap),
                ReferenceMapping = f.ReferenceMapping,
                AppRequired = app?.Required ?? false,
            };
        }).ToArray();
        return new MappingRules { IntegrationId = integrationId, Config = config, Fields = fields, Connector = connector ?? ConnectorRules.Default };
    }
}

/// <summary>What the engine needs to know about a Salesforce field (from describe).</summary>
public sealed record SalesforceFieldInfo(string Name, string Type, bool Createable, bool Updateable);
