using Platform.Sdk;

namespace Platform.Connectors.ClientSuccess;

/// <summary>ClientSuccess's entities (Open API v2) and how they map to Salesforce by default.</summary>
internal static class ClientSuccessSchema
{
    /// <summary>Optional Account fields live in the client's Salesforce Account module, as <c>salesforce.&lt;API name&gt;</c>.</summary>
    public const string ModulePrefix = "salesforce.";

    public static EntitySchema Client { get; } = new()
    {
        Name = "client",
        DisplayName = "Client",
        ExtensionFieldPrefix = ModulePrefix,
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true, MaxLength = 255 },
            new() { Name = "status", Type = FieldType.Picklist, Required = true, AllowedValues = ["Active", "Inactive", "Trial", "Terminated"] },
            new() { Name = "active", Type = FieldType.Boolean, Required = true },
            new() { Name = "website", Type = FieldType.Url },
            new() { Name = "startDate", DisplayName = "Start date", Type = FieldType.Date },
            new() { Name = "terminationDate", DisplayName = "Termination date", Type = FieldType.Date },
            new() { Name = "crmCustomerId", DisplayName = "Salesforce Account Id", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "externalId", DisplayName = "External id", Type = FieldType.String },
            new() { Name = "assignedCsm", DisplayName = "Assigned CSM", Type = FieldType.String, ReadOnly = true },
            new() { Name = "successScore", DisplayName = "SuccessScore", Type = FieldType.Integer, ReadOnly = true },
            new() { Name = "assignedSalesRep", DisplayName = "Assigned Sales Rep", Type = FieldType.String, MaxLength = 45 },
            new() { Name = "note", Type = FieldType.Text },
        ],
    };

    public static EntitySchema Contact { get; } = new()
    {
        Name = "contact",
        DisplayName = "Contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "clientId", DisplayName = "Client", Type = FieldType.Reference, Required = true, ReferenceTo = "client" },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String, Required = true },
            new() { Name = "title", Type = FieldType.String },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "mobile", Type = FieldType.Phone },
            new() { Name = "description", Type = FieldType.Text },
            new() { Name = "crmContactId", DisplayName = "Salesforce Contact Id", Type = FieldType.String, MaxLength = 18 },
        ],
    };

    /// <summary>
    /// Clients paired with Accounts by the Salesforce Account ID the client stores. The three standard fields have fixed
    /// directions; optional Account fields are added per integration.
    /// </summary>
    public static ObjectMapping ClientToAccount { get; } = new()
    {
        Entity = "client",
        SalesforceObject = "Account",
        Direction = SyncDirection.Both,
        SalesforceIdEntityField = "crmCustomerId",
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name", Direction = SyncDirection.Both },
            new() { EntityField = "assignedCsm", SalesforceField = "ClientSuccess__ClientSuccess_Assigned_CSM__c", Direction = SyncDirection.ToSalesforce, DirectionLocked = true },
            new() { EntityField = "successScore", SalesforceField = "ClientSuccess__ClientSuccess_SuccessScore__c", Direction = SyncDirection.ToSalesforce, DirectionLocked = true },
            new() { EntityField = "assignedSalesRep", SalesforceField = "Owner.Name", Direction = SyncDirection.ToApp, DirectionLocked = true },
        ],
    };

    public static ObjectMapping ContactToContact { get; } = new()
    {
        Entity = "contact",
        SalesforceObject = "Contact",
        Direction = SyncDirection.Both,
        SalesforceIdEntityField = "crmContactId",
        Fields =
        [
            // Through the client mapping's pairs: only contacts of paired accounts sync.
            new() { EntityField = "clientId", SalesforceField = "AccountId" },
            new() { EntityField = "firstName", SalesforceField = "FirstName" },
            new() { EntityField = "lastName", SalesforceField = "LastName" },
            new() { EntityField = "title", SalesforceField = "Title" },
            new() { EntityField = "email", SalesforceField = "Email" },
            new() { EntityField = "phone", SalesforceField = "Phone" },
            new() { EntityField = "mobile", SalesforceField = "MobilePhone" },
            new() { EntityField = "description", SalesforceField = "Description" },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "apiBaseUrl", DisplayName = "API base URL", Type = SettingType.Url, DefaultValue = "https://api.clientsuccess.com/v2/" },
        new() { Key = "apiKey", DisplayName = "API key", Type = SettingType.String, Required = true, Secret = true, Description = "Key of the dedicated API Access user (Settings → API in ClientSuccess)." },
    ];

    public static EntitySchema Of(string entity) => entity == Client.Name ? Client : entity == Contact.Name ? Contact
        : throw new ArgumentException($"ClientSuccess has no entity '{entity}'.", nameof(entity));
}
