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
        var api = new AppApi(context.HttpClient, new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), "ClientSuccess", context.GetSetting("apiKey")!);
        return new ClientSuccessClient(api, context.TimeProvider);
    }

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context) => new ClientSuccessRules();
}
