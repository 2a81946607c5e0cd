using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>LeadX's entities and their default Salesforce mappings.</summary>
internal static class LeadXSchema
{
    public const string LeadStage = "Lead";
    public const string SalesforceOwnerField = "salesforceOwnerId";
    public const string DefaultSalesforceOwnerSetting = "defaultSalesforceOwnerId";
    public const string DefaultLeadXOwnerSetting = "defaultLeadXOwnerEmail";

    /// <summary>LeadX's fixed pipeline; only the Salesforce side of the status mapping can be edited.</summary>
    public static IReadOnlyList<string> PipelineStages { get; } = [LeadStage, "Qualified", "Proposal", "Negotiation", "Won", "Lost"];

    /// <summary>The default status mapping: each pipeline stage → a value of Salesforce's standard Lead Status picklist.</summary>
    public static IReadOnlyDictionary<string, string> DefaultStatusMap { get; } = new Dictionary<string, string>
    {
        [LeadStage] = "Open - Not Contacted",
        ["Qualified"] = "Working - Contacted",
        ["Proposal"] = "Working - Contacted",
        ["Negotiation"] = "Working - Contacted",
        ["Won"] = "Closed - Converted",
        ["Lost"] = "Closed - Not Converted",
    };

    /// <summary>The scheduler's four frequencies: every 15 minutes, hourly, daily, weekly.</summary>
    public static IReadOnlyList<TimeSpan> Frequencies { get; } = [TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(7)];

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
            new() { Name = "companyId", DisplayName = "Company", Type = FieldType.Reference, ReferenceTo = "company" },
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
            // Not a LeadX field: the connector fills it from the sales manager setting, so a lead created from LeadX gets its owner.
            new() { Name = SalesforceOwnerField, DisplayName = "Salesforce owner for new leads", Type = FieldType.String, ReadOnly = true },
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
            new() { EntityField = "companyId", SalesforceField = "AccountId" },
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
        DeletesFollow = true,
        Fields =
        [
            new() { EntityField = "companyName", SalesforceField = "Company" },
            new() { EntityField = "contactFirstName", SalesforceField = "FirstName" },
            new() { EntityField = "contactLastName", SalesforceField = "LastName" },
            new() { EntityField = "email", SalesforceField = "Email" },
            new() { EntityField = "stage", SalesforceField = "Status", ValueMap = DefaultStatusMap },
            new() { EntityField = SalesforceOwnerField, SalesforceField = "OwnerId", Direction = SyncDirection.ToSalesforce, FirstSyncOnly = true },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = DefaultSalesforceOwnerSetting, DisplayName = "Default Salesforce user for leads from LeadX", Type = SettingType.String, Description = "The Salesforce user id (005…) who owns leads created in Salesforce from LeadX. Default: the integration's Salesforce user." },
        new() { Key = DefaultLeadXOwnerSetting, DisplayName = "Default LeadX user for leads from Salesforce", Type = SettingType.String, Description = "The e-mail of the LeadX user who owns leads created in LeadX from Salesforce." },
    ];
}
