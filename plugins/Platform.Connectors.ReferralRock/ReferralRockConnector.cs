using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>Referral Rock (referral programs): referrals and members, through Referral Rock's public REST API.</summary>
public sealed class ReferralRockConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ReferralRockSchema.Referral, ReferralRockSchema.Member],
        DefaultMappings = [ReferralRockSchema.ReferralToLead],
        Settings = ReferralRockSchema.Settings,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) =>
        throw new NotSupportedException("The Referral Rock app client is not available in this version of the connector.");
}
