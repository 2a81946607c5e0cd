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
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReferralRockClient(context.HttpClient, Root(context.GetSetting("apiBaseUrl")!), Root(context.GetSetting("appUrl")!), context.GetSetting("publicKey")!, context.GetSetting("privateKey")!);
    }

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ReferralRockRules(Enum.Parse<ExistingEmailRule>(context.GetSetting(ReferralRockSchema.ExistingEmailRuleSetting)!));
    }

    private static Uri Root(string url) => new(url.EndsWith('/') ? url : url + "/");
}
