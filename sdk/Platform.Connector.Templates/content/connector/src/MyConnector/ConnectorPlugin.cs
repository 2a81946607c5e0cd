using Platform.Sdk;

namespace MyConnector;

/// <summary>The plugin: what the app holds, how it maps onto Salesforce by default, and the client that talks to it.</summary>
public sealed class ConnectorPlugin : IConnectorPlugin
{
    /// <summary>The app's customers.</summary>
    public static EntitySchema Customer { get; } = new()
    {
        Name = "customer",
        DisplayName = "Customer",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true, MaxLength = 255 },
            new() { Name = "website", Type = FieldType.Url },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "status", Type = FieldType.Picklist, AllowedValues = ["prospect", "active", "former"] },
        ],
    };

    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [Customer],
        DefaultMappings =
        [
            new ObjectMapping
            {
                Entity = "customer",
                SalesforceObject = "Account",
                Fields =
                [
                    new FieldMapping { EntityField = "name", SalesforceField = "Name" },
                    new FieldMapping { EntityField = "website", SalesforceField = "Website" },
                    new FieldMapping { EntityField = "phone", SalesforceField = "Phone" },
                ],
            },
        ],
        Settings =
        [
            new SettingDefinition { Key = "baseUrl", DisplayName = "API URL", Type = SettingType.Url, Required = true },
            new SettingDefinition { Key = "apiKey", DisplayName = "API key", Type = SettingType.String, Required = true, Secret = true },
        ],
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var baseUrl = context.GetSetting("baseUrl")!;
        var api = new AppApi(context.HttpClient, new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"), "MyConnector", $"Bearer {context.GetSetting("apiKey")}");
        return new AppClient(api);
    }
}
