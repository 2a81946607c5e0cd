using System.Text;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>Referral Rock (referral programs): referrals added to Salesforce as Leads or Contacts, through Referral Rock's public REST API.</summary>
public sealed class ReferralRockConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ReferralRockSchema.Referral],
        DefaultMappings = [ReferralRockSchema.ReferralToLead],
        Settings = ReferralRockSchema.Settings,
        AccountSetting = "publicKey",
        SandboxWritesToSalesforce = false,
        Receiver = ReferralRockSchema.Receiver,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) => Client(context);

    /// <inheritdoc />
    public ISalesforceReceiver CreateReceiver(ConnectorContext context) => new ReferralRockReceiver(Client(context), new ReceiverRules(
        AutoProcessDirect: Flag(context, ReferralRockSchema.AutoProcessDirectSetting),
        AutoProcessFuzzy: Flag(context, ReferralRockSchema.AutoProcessFuzzySetting),
        ReviewNoMemberMatch: Flag(context, ReferralRockSchema.ReviewNoMemberMatchSetting),
        ReviewDeniedUpgrade: Flag(context, ReferralRockSchema.ReviewDeniedUpgradeSetting),
        AllowDeniedOverride: Flag(context, ReferralRockSchema.AllowDeniedOverrideSetting)));

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReferralRockRules(Enum.Parse<ExistingEmailRule>(context.GetSetting(ReferralRockSchema.ExistingEmailRuleSetting)!));
    }

    private static ReferralRockClient Client(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{context.GetSetting("publicKey")}:{context.GetSetting("privateKey")}"));
        return new ReferralRockClient(new AppApi(context.HttpClient, Root(context.GetSetting("apiBaseUrl")!), "Referral Rock", authorization), Root(context.GetSetting("appUrl")!));
    }

    private static bool Flag(ConnectorContext context, string key) => bool.TryParse(context.GetSetting(key), out var on) && on;

    private static Uri Root(string url) => new(url.EndsWith('/') ? url : url + "/");
}
