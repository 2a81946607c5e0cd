using Platform.Sdk;

namespace Platform.Connectors.Sample;

/// <summary>
/// The connector of the sample app (<c>Platform.Emulators.SampleApp</c>): contacts over a small REST API. The smallest
/// complete connector: an entity schema, a default mapping, settings (one of them secret) and an <see cref="IAppClient"/>.
/// </summary>
public sealed class SampleConnector : IConnectorPlugin
{
    internal static readonly EntitySchema Contact = new()
    {
        Name = "contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "firstName", Type = FieldType.String },
            new() { Name = "lastName", Type = FieldType.String, Required = true },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "title", Type = FieldType.String },
            new() { Name = "status", Type = FieldType.Picklist },
        ],
    };

    public ConnectorDefinition Describe() => new()
    {
        Entities = [Contact],
        DefaultMappings =
        [
            new ObjectMapping
            {
                Entity = "contact",
                SalesforceObject = "Contact",
                Fields =
                [
                    new FieldMapping { EntityField = "firstName", SalesforceField = "FirstName" },
                    new FieldMapping { EntityField = "lastName", SalesforceField = "LastName" },
                    new FieldMapping { EntityField = "email", SalesforceField = "Email" },
                    new FieldMapping { EntityField = "title", SalesforceField = "Title" },
                ],
            },
        ],
        Settings = [new SettingDefinition { Key = "baseUrl", Type = SettingType.Url, Required = true }, new SettingDefinition { Key = "apiKey", Type = SettingType.String, Secret = true }],
    };

    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SampleAppClient(context.HttpClient, new Uri(context.GetSetting("baseUrl")!.TrimEnd('/') + "/"));
    }
}
