using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>Channeltivity (partner management): partners and partner contacts; the app connects through the platform's app gateway.</summary>
public sealed class ChanneltivityConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ChanneltivitySchema.Partner, ChanneltivitySchema.PartnerContact],
        DefaultMappings = [ChanneltivitySchema.PartnerToAccount, ChanneltivitySchema.PartnerContactToContact],
        Settings = ChanneltivitySchema.Settings,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) =>
        throw new NotSupportedException("The Channeltivity app client is not available in this version of the connector.");
}
