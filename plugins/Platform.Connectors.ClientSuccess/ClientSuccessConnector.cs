using Platform.Sdk;

namespace Platform.Connectors.ClientSuccess;

/// <summary>ClientSuccess (customer success): clients ↔ Accounts, contacts ↔ Contacts, through the ClientSuccess v2 API.</summary>
public sealed class ClientSuccessConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ClientSuccessSchema.Client, ClientSuccessSchema.Contact],
        DefaultMappings = [ClientSuccessSchema.ClientToAccount, ClientSuccessSchema.ContactToContact],
        Settings = ClientSuccessSchema.Settings,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) =>
        throw new NotSupportedException("The ClientSuccess app client is not available in this version of the connector.");
}
