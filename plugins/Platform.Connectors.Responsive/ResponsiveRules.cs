using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// The association settings: a project created in Responsive and associated with a Salesforce record is published (and
/// then synced) only when association from within Responsive is allowed and its object type is one of the allowed
/// types; a published project associated from within Responsive later has that update held the same way. Projects
/// created from Salesforce (through the reporting object) are paired from the start, so they keep their association.
/// </summary>
internal sealed class ResponsiveRules(AssociationSettings association) : ConnectorRules
{
    private static readonly string[] AssociationFields = ["opportunityId", "accountId", "salesforceRecordId", "salesforceObjectType"];

    public override WriteDecision DecideCreate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values) =>
        source == SyncSource.App && Refusal(values) is { } reason ? WriteDecision.Skip(reason) : WriteDecision.Proceed;

    /// <summary>A published project associated (or re-associated) from within Responsive later is held the same way.</summary>
    public override WriteDecision DecideUpdate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<string> changedFields) =>
        source == SyncSource.App && changedFields.Any(f => AssociationFields.Contains(f, StringComparer.Ordinal)) && Refusal(values) is { } reason
            ? WriteDecision.Skip(reason)
            : WriteDecision.Proceed;

    /// <summary>Why a project made in Responsive may not keep its association; null when it may (or has none).</summary>
    private string? Refusal(IReadOnlyDictionary<string, object?> values)
    {
        var type = values.GetValueOrDefault("salesforceObjectType") as string
            ?? (Named(values, "opportunityId") ? "Opportunity" : Named(values, "accountId") ? "Account" : null);
        if (type is null)
        {
            return null;
        }

        if (!association.Allowed)
        {
            return "Association of projects with Salesforce records from within Responsive is not allowed for this instance (allowAssociation is off); create the project from Salesforce instead.";
        }

        return association.Objects.Contains(type, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"Projects may not be associated with {type} records on this instance (associationObjects: {string.Join(", ", association.Objects)}).";
    }

    public override LookupPolicy Lookup => association.Lookup;

    private static bool Named(IReadOnlyDictionary<string, object?> values, string field) => values.GetValueOrDefault(field) is string { Length: > 0 };
}
