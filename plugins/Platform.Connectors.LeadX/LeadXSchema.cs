using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>LeadX's entities and their default Salesforce mappings.</summary>
internal static class LeadXSchema
{
    /// <summary>LeadX's fixed pipeline; only the Salesforce side of the status mapping can be edited.</summary>
    public static IReadOnlyList<string> PipelineStages { get; } = ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"];

    public static EntitySchema Company { get; } = new()
    {
        Name = "company",
        DisplayName = "Company",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true },
            new() { Name = "website", Type = FieldType.Url },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "industry", Type = FieldType.String },
            new() { Name = "city", Type = FieldType.String },
            new() { Name = "country", Type = FieldType.String },
        ],
    };

    public static EntitySchema Contact { get; } = new()
    {
        Name = "contact",
        DisplayName = "Contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "companyId", DisplayName = "Company", Type = FieldType.Reference },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String, Required = true },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "title", Type = FieldType.String },
        ],
    };

    public static EntitySchema Lead { get; } = new()
    {
        Name = "lead",
        DisplayName = "Lead",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "title", Type = FieldType.String, Required = true },
            new() { Name = "companyName", DisplayName = "Company", Type = FieldType.String },
            new() { Name = "contactFirstName", DisplayName = "Contact first name", Type = FieldType.String },
            new() { Name = "contactLastName", DisplayName = "Contact last name", Type = FieldType.String },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "value", Type = FieldType.Currency },
            new() { Name = "stage", Type = FieldType.Picklist, Required = true, AllowedValues = PipelineStages },
            new() { Name = "ownerEmail", DisplayName = "Owner", Type = FieldType.Email },
            new() { Name = "expectedCloseDate", DisplayName = "Expected close date", Type = FieldType.Date },
        ],
    };

    public static ObjectMapping CompanyToAccount { get; } = new()
    {
        Entity = "company",
        SalesforceObject = "Account",
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name" },
            new() { EntityField = "website", SalesforceField = "Website" },
            new() { EntityField = "phone", SalesforceField = "Phone" },
            new() { EntityField = "industry", SalesforceField = "Industry" },
            new() { EntityField = "city", SalesforceField = "BillingCity" },
            new() { EntityField = "country", SalesforceField = "BillingCountry" },
        ],
    };

    public static ObjectMapping ContactToContact { get; } = new()
    {
        Entity = "contact",
        SalesforceObject = "Contact",
        Fields =
        [
            new() { EntityField = "firstName", SalesforceField = "FirstName" },
            new() { EntityField = "lastName", SalesforceField = "LastName" },
            new() { EntityField = "email", SalesforceField = "Email" },
            new() { EntityField = "phone", SalesforceField = "Phone" },
            new() { EntityField = "title", SalesforceField = "Title" },
        ],
    };

    public static ObjectMapping LeadToLead { get; } = new()
    {
        Entity = "lead",
        SalesforceObject = "Lead",
        Fields =
        [
            new() { EntityField = "companyName", SalesforceField = "Company" },
            new() { EntityField = "contactFirstName", SalesforceField = "FirstName" },
            new() { EntityField = "contactLastName", SalesforceField = "LastName" },
            new() { EntityField = "email", SalesforceField = "Email" },
            new() { EntityField = "stage", SalesforceField = "Status" },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "defaultSalesforceOwnerId", DisplayName = "Default Salesforce user for leads from LeadX", Type = SettingType.String },
        new() { Key = "defaultLeadXOwnerEmail", DisplayName = "Default LeadX user for leads from Salesforce", Type = SettingType.String },
        new() { Key = "syncFrequency", DisplayName = "Synchronisation frequency", Type = SettingType.Choice, Choices = ["Every15Minutes", "Hourly", "Daily", "Weekly"], DefaultValue = "Hourly" },
        new() { Key = "syncStart", DisplayName = "Start date and time (ISO 8601)", Type = SettingType.String },
    ];
}
