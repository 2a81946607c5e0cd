namespace Platform.Sdk;

/// <summary>
/// Decisions a connector makes about its data that mappings alone cannot express. Override the hooks the connector
/// needs; each default is stated on the method. The host calls the rules from many threads, so keep them stateless.
/// </summary>
public class ConnectorRules
{
    /// <summary>Rules that change nothing the host would do by itself.</summary>
    public static ConnectorRules Default { get; } = new();

    /// <summary>Decides whether a Salesforce field may be mapped to a field of <paramref name="entity"/>.</summary>
    /// <param name="entity">The app entity's name.</param>
    /// <param name="field">The Salesforce field, from describe.</param>
    /// <returns>The verdict. Default: compound fields (<c>address</c>, <c>location</c>) are not eligible; all others are.</returns>
    public virtual FieldEligibility CheckFieldEligibility(string entity, SalesforceField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type is "address" or "location"
            ? FieldEligibility.Ineligible($"{field.Name} is a compound {field.Type} field; map its component fields instead.")
            : FieldEligibility.Eligible;
    }

    /// <summary>Decides whether a record takes part in sync at all (status rules, sync flags, record types).</summary>
    /// <param name="entity">The app entity's name.</param>
    /// <param name="source">Which system the values come from.</param>
    /// <param name="values">The record's values, keyed by field name of the source system.</param>
    /// <returns>Whether to sync it. Default: <see langword="true"/>.</returns>
    public virtual bool ShouldSync(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values) => true;

    /// <summary>Decides whether a record that has no counterpart yet is created on the other side.</summary>
    /// <param name="entity">The app entity's name.</param>
    /// <param name="source">Which system the record comes from.</param>
    /// <param name="values">The record's values, keyed by field name of the source system.</param>
    /// <returns>Whether to create it, and if not, why. Default: create.</returns>
    public virtual WriteDecision DecideCreate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values) =>
        WriteDecision.Proceed;
}

/// <summary>Which system values come from.</summary>
public enum SyncSource
{
    /// <summary>The connector's app.</summary>
    App,

    /// <summary>Salesforce.</summary>
    Salesforce,
}

/// <summary>Whether to make a write, and if not, why.</summary>
/// <param name="ShouldWrite">Whether to make the write.</param>
/// <param name="Reason">Why not; recorded in the sync log. <see langword="null"/> when the write proceeds.</param>
public readonly record struct WriteDecision(bool ShouldWrite, string? Reason)
{
    /// <summary>Make the write.</summary>
    public static WriteDecision Proceed { get; } = new(true, null);

    /// <summary>Skip the write.</summary>
    /// <param name="reason">Why; recorded in the sync log.</param>
    /// <returns>The decision.</returns>
    public static WriteDecision Skip(string reason) => new(false, reason);
}
