using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>Channeltivity's entities and their default Salesforce mappings (strictly two-way).</summary>
internal static class ChanneltivitySchema
{
    /// <summary>Channeltivity's built-in partner status; it cannot be changed, added to or removed from.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["Active", "Prospective", "Inactive"];

    public static EntitySchema Partner { get; } = new()
    {
        Name = "partner",
        DisplayName = "Partner",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true },
            new() { Name = "status", Type = FieldType.Picklist, Required = true, AllowedValues = Statuses },
            new() { Name = "website", Type = FieldType.Url },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "street", Type = FieldType.String },
            new() { Name = "city", Type = FieldType.String },
            new() { Name = "state", Type = FieldType.String },
            new() { Name = "postalCode", DisplayName = "Postal code", Type = FieldType.String },
            new() { Name = "country", Type = FieldType.String },
            new() { Name = "partnerType", DisplayName = "Partner type", Type = FieldType.String },
            new() { Name = "tier", Type = FieldType.String },
            new() { Name = "deleted", Type = FieldType.Boolean, ReadOnly = true },
        ],
    };

    public static EntitySchema PartnerContact { get; } = new()
    {
        Name = "partnerContact",
        DisplayName = "Partner contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "partnerId", DisplayName = "Partner", Type = FieldType.Reference, Required = true },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String, Required = true },
            new() { Name = "email", Type = FieldType.Email, Required = true },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "title", Type = FieldType.String },
            new() { Name = "deleted", Type = FieldType.Boolean, ReadOnly = true },
        ],
    };

    public static ObjectMapping PartnerToAccount { get; } = new()
    {
        Entity = "partner",
        SalesforceObject = "Account",
        Direction = SyncDirection.Both,
        DirectionLocked = true,
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name" },
            new() { EntityField = "website", SalesforceField = "Website" },
            new() { EntityField = "phone", SalesforceField = "Phone" },
            new() { EntityField = "street", SalesforceField = "BillingStreet" },
            new() { EntityField = "city", SalesforceField = "BillingCity" },
            new() { EntityField = "state", SalesforceField = "BillingState" },
            new() { EntityField = "postalCode", SalesforceField = "BillingPostalCode" },
            new() { EntityField = "country", SalesforceField = "BillingCountry" },
        ],
    };

    public static ObjectMapping PartnerContactToContact { get; } = new()
    {
        Entity = "partnerContact",
        SalesforceObject = "Contact",
        Direction = SyncDirection.Both,
        DirectionLocked = true,
        Fields =
        [
            new() { EntityField = "firstName", SalesforceField = "FirstName" },
            new() { EntityField = "lastName", SalesforceField = "LastName" },
            new() { EntityField = "email", SalesforceField = "Email" },
            new() { EntityField = "phone", SalesforceField = "Phone" },
            new() { EntityField = "title", SalesforceField = "Title" },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "syncFlagField", DisplayName = "Sync flag (Account checkbox field)", Type = SettingType.String, Required = true, DefaultValue = "Sync_with_Channeltivity__c" },
        new() { Key = "statusField", DisplayName = "Partner status (Account picklist field)", Type = SettingType.String, Required = true, DefaultValue = "Channeltivity_Partner_Status__c" },
        new() { Key = "syncProspective", DisplayName = "Sync prospective partners", Type = SettingType.Boolean, DefaultValue = "false" },
        new() { Key = "syncInactive", DisplayName = "Sync inactive partners", Type = SettingType.Boolean, DefaultValue = "false" },
        new() { Key = "accountRecordType", DisplayName = "Account record type", Type = SettingType.String },
        new() { Key = "contactRecordType", DisplayName = "Contact record type", Type = SettingType.String },
        new() { Key = "masterSystem", DisplayName = "Master system", Type = SettingType.Choice, Choices = ["Channeltivity", "Salesforce"], DefaultValue = "Channeltivity" },
    ];
}
