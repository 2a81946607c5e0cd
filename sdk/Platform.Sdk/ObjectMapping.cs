namespace Platform.Sdk;

/// <summary>Maps an app entity to a Salesforce object, e.g. ClientSuccess <c>client</c> to <c>Account</c>.</summary>
public sealed record ObjectMapping
{
    /// <summary>The app entity's <see cref="EntitySchema.Name"/>.</summary>
    public required string Entity { get; init; }

    /// <summary>The Salesforce object's API name, e.g. <c>Account</c> or <c>Referral__c</c>.</summary>
    public required string SalesforceObject { get; init; }

    /// <summary>Which way records flow. Default: <see cref="SyncDirection.Both"/>.</summary>
    public SyncDirection Direction { get; init; } = SyncDirection.Both;

    /// <summary>Whether operators may change <see cref="Direction"/>. Default: <see langword="false"/>.</summary>
    public bool DirectionLocked { get; init; }

    /// <summary>The field mappings.</summary>
    public required IReadOnlyList<FieldMapping> Fields { get; init; }

    /// <summary>
    /// Whether a record deleted on one side is deleted on the other. Default: <see langword="false"/> (the counterpart is
    /// left alone and the pair stops syncing); operators can choose otherwise per integration.
    /// </summary>
    public bool DeletesFollow { get; init; }

    /// <summary>
    /// The app field that stores the paired Salesforce record's id (e.g. ClientSuccess's <c>crmCustomerId</c>): records
    /// are paired by it, and the platform fills it in on records it creates in the app. Default: <see langword="null"/>.
    /// </summary>
    public string? SalesforceIdEntityField { get; init; }

    /// <summary>
    /// Entity fields (each mapped in <see cref="Fields"/>) whose values, with their mapped Salesforce fields, identify a
    /// record that already exists on the other side (compared case-insensitively and trimmed), e.g. <c>email</c>. Such
    /// records are matched and linked (see <see cref="ConnectorRules.DecideMatch"/>) instead of created. Default: none.
    /// </summary>
    public IReadOnlyList<string> MatchEntityFields { get; init; } = [];

    /// <summary>
    /// A Salesforce external-id field that holds the app record's id: creates become upserts on it, so a create repeated
    /// after a lost answer cannot duplicate the record. Default: <see langword="null"/>.
    /// </summary>
    public string? SalesforceExternalIdField { get; init; }
}

/// <summary>Maps one app field to one Salesforce field.</summary>
public sealed record FieldMapping
{
    /// <summary>The app field's <see cref="FieldSchema.Name"/>.</summary>
    public required string EntityField { get; init; }

    /// <summary>The Salesforce field's API name; a parent relationship path such as <c>Owner.Name</c> is read-only.</summary>
    public required string SalesforceField { get; init; }

    /// <summary>Which way values flow. Default: <see cref="SyncDirection.Both"/>.</summary>
    public SyncDirection Direction { get; init; } = SyncDirection.Both;

    /// <summary>Whether operators may change <see cref="Direction"/> (fixed-direction standard fields). Default: <see langword="false"/>.</summary>
    public bool DirectionLocked { get; init; }

    /// <summary>Whether the value is written only when the record is first created on the other side. Default: <see langword="false"/>.</summary>
    public bool FirstSyncOnly { get; init; }

    /// <summary>
    /// Translates values between the systems, app value to Salesforce value (e.g. a status to a picklist value).
    /// Values not in the map pass through unchanged. Default: empty.
    /// </summary>
    public IReadOnlyDictionary<string, string> ValueMap { get; init; } = new Dictionary<string, string>();
}

/// <summary>Which way records or values flow between an app and Salesforce.</summary>
public enum SyncDirection
{
    /// <summary>Nothing flows.</summary>
    None,

    /// <summary>From the app to Salesforce only.</summary>
    ToSalesforce,

    /// <summary>From Salesforce to the app only.</summary>
    ToApp,

    /// <summary>Both ways.</summary>
    Both,
}
