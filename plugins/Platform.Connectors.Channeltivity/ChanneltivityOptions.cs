using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>What the rules need of an integration's settings and mappings: which partners sync, and how Salesforce shows them.</summary>
internal sealed record ChanneltivityOptions
{
    public required IReadOnlySet<string> SyncedStatuses { get; init; }

    public required string SyncFlagField { get; init; }

    public required string StatusField { get; init; }

    /// <summary>Salesforce status value → Channeltivity status, from the mapping's value map.</summary>
    public required IReadOnlyDictionary<string, string> StatusesBySalesforceValue { get; init; }

    public string? AccountRecordType { get; init; }

    public string? ContactRecordType { get; init; }

    public static ChanneltivityOptions From(ConnectorContext context)
    {
        var statuses = new HashSet<string>(StringComparer.Ordinal) { "Active" };
        if (context.GetSetting(ChanneltivitySchema.SyncProspectiveSetting) == "true")
        {
            statuses.Add("Prospective");
        }

        if (context.GetSetting(ChanneltivitySchema.SyncInactiveSetting) == "true")
        {
            statuses.Add("Inactive");
        }

        var status = context.Mappings.FirstOrDefault(m => m.Entity == ChanneltivitySchema.Partner)?.Fields.FirstOrDefault(f => f.EntityField == ChanneltivitySchema.StatusField);
        var valueMap = status?.ValueMap ?? ChanneltivitySchema.DefaultStatusMap;
        var inverse = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (channeltivity, salesforce) in valueMap)
        {
            inverse.TryAdd(salesforce, channeltivity);
        }

        return new ChanneltivityOptions
        {
            SyncedStatuses = statuses,
            SyncFlagField = context.GetSetting(ChanneltivitySchema.SyncFlagSetting) ?? ChanneltivitySchema.DefaultSyncFlagField,
            StatusField = status?.SalesforceField ?? context.GetSetting(ChanneltivitySchema.StatusSetting) ?? ChanneltivitySchema.DefaultStatusField,
            StatusesBySalesforceValue = inverse,
            AccountRecordType = context.GetSetting(ChanneltivitySchema.AccountRecordTypeSetting),
            ContactRecordType = context.GetSetting(ChanneltivitySchema.ContactRecordTypeSetting),
        };
    }
}
