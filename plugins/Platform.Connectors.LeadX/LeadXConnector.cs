using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>LeadX (sales pipeline): companies, contacts and leads; the app connects through the platform's app gateway.</summary>
public sealed class LeadXConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [LeadXSchema.Company, LeadXSchema.Contact, LeadXSchema.Lead],
        DefaultMappings = [LeadXSchema.CompanyToAccount, LeadXSchema.ContactToContact, LeadXSchema.LeadToLead],
        Settings = LeadXSchema.Settings,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) =>
        throw new NotSupportedException("The LeadX app client is not available in this version of the connector.");
}
