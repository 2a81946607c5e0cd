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
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var baseUrl = context.GetSetting("apiBaseUrl")!;
        return new ClientSuccessClient(context.HttpClient, new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), context.GetSetting("apiKey")!, context.TimeProvider);
    }

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context) => new ClientSuccessRules();
}
