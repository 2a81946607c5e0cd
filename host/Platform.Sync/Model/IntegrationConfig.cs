namespace Platform.Sync;

/// <summary>An integration: one connector bound to one Salesforce instance, with its mappings and schedule.</summary>
[GenerateSerializer, Immutable]
public sealed record IntegrationConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string InstanceId { get; init; }

    [Id(2)] public required string ConnectorId { get; init; }

    [Id(3)] public string DisplayName { get; init; } = "";

    /// <summary>Connector settings by key; secret values are stored encrypted by the host.</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    [Id(5)] public IReadOnlyList<ObjectMappingConfig> Mappings { get; init; } = [];

    [Id(6)] public SyncSchedule Schedule { get; init; } = new();

    [Id(7)] public bool Enabled { get; init; } = true;

    /// <summary>What the integration receives from Salesforce; null when it receives nothing.</summary>
    [Id(8)] public ReceiverConfig? Receiver { get; init; }
}

/// <summary>When an integration syncs.</summary>
[GenerateSerializer, Immutable]
public sealed record SyncSchedule
{
    /// <summary>Time between sync cycles. Default: 1 minute.</summary>
    [Id(0)] public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>When the first cycle may run (cycles then follow every <see cref="Interval"/>). Default: at once.</summary>
    [Id(1)] public DateTimeOffset? StartAt { get; init; }

    /// <summary>
    /// When set, interval syncing covers only pairs touched (viewed or opened in the app) within this window; a touch
    /// syncs its record at once. Default: null (every changed record syncs on every cycle).
    /// </summary>
    [Id(2)] public TimeSpan? ActivityWindow { get; init; }
}

/// <summary>Maps one app entity to one Salesforce object.</summary>
[GenerateSerializer, Immutable]
public sealed record ObjectMappingConfig
{
    /// <summary>The mapping's name, unique in the integration; defaults to the entity name.</summary>
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required string Entity { get; init; }

    [Id(2)] public required string SalesforceObject { get; init; }

    [Id(3)] public Direction Direction { get; init; } = Direction.Both;

    [Id(4)] public IReadOnlyList<FieldMappingConfig> Fields { get; init; } = [];

    /// <summary>Records outside these filters are neither created nor updated on the other side.</summary>
    [Id(5)] public IReadOnlyList<RecordFilter> Filters { get; init; } = [];

    [Id(6)] public MatchRule Match { get; init; } = new();

    [Id(7)] public ConflictPolicyKind ConflictPolicy { get; init; } = ConflictPolicyKind.SalesforceIsMaster;

    [Id(8)] public DeletePolicy DeletePolicy { get; init; } = DeletePolicy.Ignore;

    /// <summary>For <see cref="DeletePolicy.Mark"/>: the field set on the surviving record (app field when the Salesforce record was deleted, Salesforce field otherwise).</summary>
    [Id(9)] public string? DeleteMarkAppField { get; init; }

    [Id(10)] public string? DeleteMarkSalesforceField { get; init; }

    [Id(11)] public string? DeleteMarkValue { get; init; }
}

/// <summary>Maps one app field to one Salesforce field.</summary>
[GenerateSerializer, Immutable]
public sealed record FieldMappingConfig
{
    [Id(0)] public required string AppField { get; init; }

    [Id(1)] public required string SalesforceField { get; init; }

    [Id(2)] public Direction Direction { get; init; } = Direction.Both;

    /// <summary>Written only when the record is created on the other side.</summary>
    [Id(3)] public bool FirstSyncOnly { get; init; }

    /// <summary>App value → Salesforce value; unmapped values pass through. Salesforce → app uses the inverse (first key wins).</summary>
    [Id(4)] public IReadOnlyDictionary<string, string> ValueMap { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The mapping (of this integration) whose records both fields reference, e.g. <c>clients</c> for a contact's
    /// <c>clientId</c> ↔ <c>AccountId</c>: ids are translated through that mapping's pairs, and a record whose referenced
    /// record is not paired waits. Default: null, or the mapping of the app field's <c>ReferenceTo</c> entity.
    /// </summary>
    [Id(5)] public string? ReferenceMapping { get; init; }

    /// <summary>How the app shows the field (e.g. ClientSuccess's Salesforce Account module). Default: null (visible, editable, in mapping order).</summary>
    [Id(6)] public FieldDisplay? Display { get; init; }
}

/// <summary>How the app shows a mapped field.</summary>
[GenerateSerializer, Immutable]
public sealed record FieldDisplay
{
    /// <summary>Shown in the app, and therefore synced. Default: true.</summary>
    [Id(0)] public bool Visible { get; init; } = true;

    /// <summary>Editable in the app; when false the value flows from Salesforce only. Default: true.</summary>
    [Id(1)] public bool Editable { get; init; } = true;

    /// <summary>Position among the mapping's fields (lower first; ties alphabetically). Default: 0.</summary>
    [Id(2)] public int Order { get; init; }
}

/// <summary>Which records take part: a field of one side compared with a set of values.</summary>
[GenerateSerializer, Immutable]
public sealed record RecordFilter
{
    [Id(0)] public required Side Side { get; init; }

    [Id(1)] public required string Field { get; init; }

    /// <summary>The record passes when its value (canonical text: <c>true</c>/<c>false</c> for checkboxes) is in this set.</summary>
    [Id(2)] public required IReadOnlyList<string> Values { get; init; }

    /// <summary>Inverts the test: the record passes when its value is not in the set.</summary>
    [Id(3)] public bool Exclude { get; init; }
}

/// <summary>How records that already exist on both sides are found before anything is created.</summary>
[GenerateSerializer, Immutable]
public sealed record MatchRule
{
    /// <summary>A Salesforce external-id field that holds the app record's id; creates become upserts on it.</summary>
    [Id(0)] public string? ExternalIdField { get; init; }

    /// <summary>
    /// An app field that holds the Salesforce record's pairing key (its Id, or <see cref="SalesforceKeyField"/>). While
    /// the value names another record or is empty, the pair is <see cref="PairStatus.Held"/>.
    /// </summary>
    [Id(1)] public string? SalesforceIdAppField { get; init; }

    /// <summary>Field pairs whose values (case-insensitive, trimmed) identify the same record on both sides, e.g. e-mail.</summary>
    [Id(2)] public IReadOnlyList<MatchKeyField> KeyFields { get; init; } = [];

    /// <summary>
    /// The Salesforce field whose value <see cref="SalesforceIdAppField"/> holds, when it is not the record Id (e.g. a
    /// unique account number). Default: null (the Id).
    /// </summary>
    [Id(3)] public string? SalesforceKeyField { get; init; }
}

[GenerateSerializer, Immutable]
public sealed record MatchKeyField([property: Id(0)] string AppField, [property: Id(1)] string SalesforceField);
