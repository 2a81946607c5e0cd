using System.Net.Mail;
using System.Text.RegularExpressions;
using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>
/// LeadX (sales pipeline): companies, contacts and leads. LeadX publishes no API: its app connects to the platform's app
/// gateway, pushing its changes and receiving the platform's writes.
/// </summary>
public sealed partial class LeadXConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [LeadXSchema.Company, LeadXSchema.Contact, LeadXSchema.Lead],
        DefaultMappings = [LeadXSchema.CompanyToAccount, LeadXSchema.ContactToContact, LeadXSchema.LeadToLead],
        Settings = LeadXSchema.Settings,
        UsesAppGateway = true,
        ScheduleIntervals = LeadXSchema.Frequencies,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gateway = context.AppGateway ?? throw new InvalidOperationException("LeadX connects through the app gateway, which the host did not provide.");
        return new LeadXClient(gateway, context.GetSetting(LeadXSchema.DefaultSalesforceOwnerSetting), context.GetSetting(LeadXSchema.DefaultLeadXOwnerSetting));
    }

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context) => new LeadXRules();

    /// <inheritdoc />
    public IReadOnlyList<SettingProblem> ValidateSettings(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problems = new List<SettingProblem>();
        if (context.GetSetting(LeadXSchema.DefaultSalesforceOwnerSetting) is { } owner && !UserId().IsMatch(owner))
        {
            problems.Add(new(LeadXSchema.DefaultSalesforceOwnerSetting, $"must be a Salesforce user id (005 followed by 12 or 15 letters and digits; got '{owner}')."));
        }

        if (context.GetSetting(LeadXSchema.DefaultLeadXOwnerSetting) is { } email && !MailAddress.TryCreate(email, out _))
        {
            problems.Add(new(LeadXSchema.DefaultLeadXOwnerSetting, $"must be the e-mail of a LeadX user (got '{email}')."));
        }

        return problems;
    }

    [GeneratedRegex("^005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$")]
    private static partial Regex UserId();
}
