using System.Text.RegularExpressions;
using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>
/// Channeltivity (partner relationship management): partners ↔ flagged Salesforce Accounts and their contacts ↔
/// Contacts, strictly both ways. Channeltivity publishes no API: its app connects to the platform's app gateway. Records
/// that exist on both sides are matched in the host's matching wizard before anything syncs.
/// </summary>
public sealed partial class ChanneltivityConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ChanneltivitySchema.PartnerEntity, ChanneltivitySchema.PartnerContactEntity],
        DefaultMappings = ChanneltivitySchema.Mappings(key => ChanneltivitySchema.Settings.FirstOrDefault(s => s.Key == key)?.DefaultValue),
        Settings = ChanneltivitySchema.Settings,
        UsesAppGateway = true,
        MatchBeforeSync = true,
    };

    /// <inheritdoc />
    public IReadOnlyList<ObjectMapping> CreateDefaultMappings(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ChanneltivitySchema.Mappings(context.GetSetting);
    }

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gateway = context.AppGateway ?? throw new InvalidOperationException("Channeltivity connects through the app gateway, which the host did not provide.");
        return new ChanneltivityClient(gateway, context.GetSetting(ChanneltivitySchema.AccountRecordTypeSetting), context.GetSetting(ChanneltivitySchema.ContactRecordTypeSetting));
    }

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ChanneltivityRules(ChanneltivityOptions.From(context));
    }

    /// <inheritdoc />
    public IReadOnlyList<SettingProblem> ValidateSettings(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<SettingProblem>();
        foreach (var key in (string[])[ChanneltivitySchema.AccountRecordTypeSetting, ChanneltivitySchema.ContactRecordTypeSetting])
        {
            if (context.GetSetting(key) is { } id && !RecordTypeId().IsMatch(id))
            {
                problems.Add(new(key, $"must be a Salesforce record type id (012 followed by 12 or 15 letters and digits; got '{id}')."));
            }
        }

        var partner = context.Mappings.FirstOrDefault(m => m.Entity == ChanneltivitySchema.Partner);
        if (partner is null)
        {
            return problems;
        }

        // The settings name the fields; the mapping is what syncs them: they must agree, or a changed setting would be ignored.
        foreach (var (key, field) in (ReadOnlySpan<(string, string)>)[(ChanneltivitySchema.SyncFlagSetting, ChanneltivitySchema.SyncFlagField), (ChanneltivitySchema.StatusSetting, ChanneltivitySchema.StatusField)])
        {
            var mapped = partner.Fields.FirstOrDefault(f => f.EntityField == field)?.SalesforceField;
            if (!string.Equals(mapped, context.GetSetting(key), StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new(key, $"is '{context.GetSetting(key)}', but the partner mapping maps '{field}' to {mapped ?? "nothing"}; map it to the same Account field (or save without mappings to get the defaults)."));
            }
        }

        return problems;
    }

    [GeneratedRegex("^012[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$")]
    private static partial Regex RecordTypeId();
}
