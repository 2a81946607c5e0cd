using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>
/// LeadX (sales pipeline): companies, contacts and leads. LeadX publishes no API: its app connects to the platform's app
/// gateway, pushing its changes and receiving the platform's writes.
/// </summary>
public sealed class LeadXConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [LeadXSchema.Company, LeadXSchema.Contact, LeadXSchema.Lead],
        DefaultMappings = [LeadXSchema.CompanyToAccount, LeadXSchema.ContactToContact, LeadXSchema.LeadToLead],
        Settings = LeadXSchema.Settings,
        UsesAppGateway = true,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.AppGateway ?? throw new InvalidOperationException("LeadX connects through the app gateway, which the host did not provide.");
    }
}
