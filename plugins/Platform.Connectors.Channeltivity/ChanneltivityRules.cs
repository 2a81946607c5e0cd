using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>
/// Which records sync: only Salesforce accounts with the sync flag set, and only records of the chosen record types,
/// take part at all; a partner (or a flagged account) is created on the other side only when its status is one the
/// integration syncs (Active by default, Prospective and Inactive optionally). Once linked, a partner keeps syncing
/// when its status changes, so Salesforce shows that it became inactive.
/// </summary>
internal sealed class ChanneltivityRules(ChanneltivityOptions options) : ConnectorRules
{
    public override bool ShouldSync(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values)
    {
        if (source == SyncSource.App)
        {
            return true;
        }

        var recordType = entity == ChanneltivitySchema.Partner ? options.AccountRecordType : options.ContactRecordType;
        if (recordType is not null && !SameId(values.GetValueOrDefault("RecordTypeId") as string, recordType))
        {
            return false;
        }

        return entity != ChanneltivitySchema.Partner || values.GetValueOrDefault(options.SyncFlagField) is "true" or true;
    }

    public override WriteDecision DecideCreate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values)
    {
        if (entity != ChanneltivitySchema.Partner)
        {
            return WriteDecision.Proceed;
        }

        var status = source == SyncSource.App
            ? values.GetValueOrDefault(ChanneltivitySchema.StatusField) as string
            : values.GetValueOrDefault(options.StatusField) is string value ? options.StatusesBySalesforceValue.GetValueOrDefault(value) : null;
        if (status is null)
        {
            return WriteDecision.Skip(source == SyncSource.App
                ? "The partner has no status."
                : $"The account's {options.StatusField} is empty or not a value a Channeltivity status maps to.");
        }

        return options.SyncedStatuses.Contains(status)
            ? WriteDecision.Proceed
            : WriteDecision.Skip($"{status} partners are not synced (settings syncProspective / syncInactive).");
    }

    /// <summary>Record type ids compare on their 15-character case-sensitive form, so a setting may give either form.</summary>
    private static bool SameId(string? a, string b) =>
        a is not null && string.CompareOrdinal(a, 0, b, 0, 15) == 0;
}
