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

    /// <summary>
    /// Decides whether changes to a paired record are written to the other side. A skipped update is held: the pair
    /// shows the reason, nothing of it is written, and it is decided again each time the pair is planned (a change on
    /// either side).
    /// </summary>
    /// <param name="entity">The app entity's name.</param>
    /// <param name="source">Which system the changes come from.</param>
    /// <param name="values">The record's values, keyed by field name of the source system.</param>
    /// <param name="changedFields">The fields of the source system whose changes would be written.</param>
    /// <returns>Whether to write them, and if not, why. Default: write.</returns>
    public virtual WriteDecision DecideUpdate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<string> changedFields) =>
        WriteDecision.Proceed;

    /// <summary>
    /// Decides what happens when a record is found to already exist on the other side (by the mapping's match keys,
    /// such as e-mail, or a stored id) instead of being created there.
    /// </summary>
    /// <param name="entity">The app entity's name.</param>
    /// <param name="match">The two records and when the Salesforce one was created.</param>
    /// <returns>What to do. Default: <see cref="MatchDecision.Link"/>.</returns>
    public virtual MatchDecision DecideMatch(string entity, MatchedRecords match) => MatchDecision.Link;

    /// <summary>Whether and how the app's users may look up Salesforce records through the host's lookup API.</summary>
    /// <value>The policy. Default: <see cref="LookupPolicy.None"/> (lookups refused).</value>
    public virtual LookupPolicy Lookup => LookupPolicy.None;
}

/// <summary>An app record and the existing Salesforce record it matched.</summary>
public sealed record MatchedRecords
{
    /// <summary>The app record's values, keyed by app field name.</summary>
    public required IReadOnlyDictionary<string, object?> AppValues { get; init; }

    /// <summary>The Salesforce record's values, keyed by Salesforce field name.</summary>
    public required IReadOnlyDictionary<string, object?> SalesforceValues { get; init; }

    /// <summary>When the Salesforce record was created (its <c>CreatedDate</c>), when known.</summary>
    public DateTimeOffset? SalesforceCreatedAt { get; init; }

    /// <summary>The host's current time, from its clock.</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>What to do with two records that matched.</summary>
public sealed class MatchDecision
{
    private MatchDecision(MatchAction action, string? reason, IReadOnlyDictionary<string, object?> appValues)
    {
        Action = action;
        Reason = reason;
        AppValues = appValues;
    }

    /// <summary>Link them and sync from now on.</summary>
    public static MatchDecision Link { get; } = new(MatchAction.Link, null, new Dictionary<string, object?>());

    /// <summary>What to do.</summary>
    public MatchAction Action { get; }

    /// <summary>Why the records are not linked; shown on the pair and in the sync log.</summary>
    public string? Reason { get; }

    /// <summary>For <see cref="MatchAction.Reject"/>: the values written to the app record, keyed by app field name.</summary>
    public IReadOnlyDictionary<string, object?> AppValues { get; }

    /// <summary>Leave both records alone: the pair is excluded from sync, with the reason.</summary>
    /// <param name="reason">Why; shown on the pair and in the sync log.</param>
    /// <returns>The decision.</returns>
    public static MatchDecision Skip(string reason) => new(MatchAction.Skip, reason, new Dictionary<string, object?>());

    /// <summary>Leave the Salesforce record alone, write <paramref name="appValues"/> to the app record, and exclude the pair.</summary>
    /// <param name="reason">Why; shown on the pair and in the sync log.</param>
    /// <param name="appValues">The values to write to the app record (e.g. a status), keyed by app field name.</param>
    /// <returns>The decision.</returns>
    public static MatchDecision Reject(string reason, IReadOnlyDictionary<string, object?> appValues) => new(MatchAction.Reject, reason, appValues);
}

/// <summary>What happens to two records that matched.</summary>
public enum MatchAction
{
    /// <summary>They are linked and synced.</summary>
    Link,

    /// <summary>Neither is changed; the pair is excluded.</summary>
    Skip,

    /// <summary>The app record is told (values written to it); the pair is excluded.</summary>
    Reject,
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
