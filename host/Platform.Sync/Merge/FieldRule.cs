using Platform.Sdk;

namespace Platform.Sync;

/// <summary>One field mapping, compiled: names, types on both sides, effective direction and value translation.</summary>
public sealed record FieldRule
{
    public required string AppField { get; init; }

    public required string SalesforceField { get; init; }

    public required FieldType AppType { get; init; }

    /// <summary>The Salesforce describe type (lower case).</summary>
    public required string SalesforceType { get; init; }

    /// <summary>The field's direction intersected with its object's.</summary>
    public required Direction Direction { get; init; }

    public bool FirstSyncOnly { get; init; }

    /// <summary>Whether Salesforce lets the connected user write the field on create / update.</summary>
    public bool SalesforceCreateable { get; init; } = true;

    public bool SalesforceUpdateable { get; init; } = true;

    /// <summary>Whether the app lets the field be written.</summary>
    public bool AppWritable { get; init; } = true;

    public ValueMap Values { get; init; } = new(new Dictionary<string, string>());

    /// <summary>The mapping whose records both fields reference; values are <see cref="ReferenceValue"/>s. Default: null.</summary>
    public string? ReferenceMapping { get; init; }

    /// <summary>Whether the app rejects a record without a value (a required reference waits when empty).</summary>
    public bool AppRequired { get; init; }

    public bool FlowsToSalesforce => Direction is Direction.ToSalesforce or Direction.Both;

    public bool FlowsToApp => Direction is Direction.ToApp or Direction.Both;

    private bool Multi => AppType == FieldType.MultiPicklist || SalesforceType == "multipicklist";

    /// <summary>The Salesforce value an app value becomes.</summary>
    public string? AppToSalesforce(string? appValue) =>
        ReferenceMapping is not null ? appValue : Canonical.Coerce(Values.ToSalesforce(appValue, Multi), SalesforceType);

    /// <summary>The app value a Salesforce value becomes.</summary>
    public string? SalesforceToApp(string? salesforceValue) =>
        ReferenceMapping is not null ? salesforceValue : Canonical.Coerce(Values.ToApp(salesforceValue, Multi), AppType);

    public static Direction Intersect(Direction a, Direction b) => (a, b) switch
    {
        (Direction.Both, _) => b,
        (_, Direction.Both) => a,
        _ when a == b => a,
        _ => Direction.None,
    };
}
