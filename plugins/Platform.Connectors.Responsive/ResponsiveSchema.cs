using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>Responsive's entities (<c>/rfpserver/ext/v1</c> projects and intakes) and their default Salesforce mappings.</summary>
internal static class ResponsiveSchema
{
    public static EntitySchema Project { get; } = new()
    {
        Name = "project",
        DisplayName = "Project",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true },
            new() { Name = "dueDate", DisplayName = "Due date", Type = FieldType.DateTime, Required = true },
            new() { Name = "primaryContact", DisplayName = "Primary contact", Type = FieldType.Email, Required = true },
            new() { Name = "clientName", DisplayName = "Client name", Type = FieldType.String },
            new() { Name = "clientEmail", DisplayName = "Client e-mail", Type = FieldType.Email },
            new() { Name = "clientPhone", DisplayName = "Client phone", Type = FieldType.Phone },
            new() { Name = "dealSize", DisplayName = "Deal size", Type = FieldType.Currency },
            new() { Name = "description", Type = FieldType.Text },
            new() { Name = "externalId", DisplayName = "External id", Type = FieldType.String },
            new() { Name = "primaryBU", DisplayName = "Business unit", Type = FieldType.String },
            new() { Name = "projectType", DisplayName = "Project type", Type = FieldType.String },
            new() { Name = "stage", Type = FieldType.String, ReadOnly = true },
            new() { Name = "category", Type = FieldType.MultiPicklist },
            new() { Name = "salesforceRecordId", DisplayName = "Associated Salesforce record", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "salesforceObjectType", DisplayName = "Associated object type", Type = FieldType.String },
            new() { Name = "lastActivityAt", DisplayName = "Last user activity", Type = FieldType.DateTime, ReadOnly = true },
        ],
    };

    public static EntitySchema Intake { get; } = new()
    {
        Name = "intake",
        DisplayName = "Intake",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true },
            new() { Name = "dueDate", DisplayName = "Due date", Type = FieldType.DateTime },
            new() { Name = "requester", Type = FieldType.Email },
            new() { Name = "description", Type = FieldType.Text },
            new() { Name = "status", Type = FieldType.String, ReadOnly = true },
            new() { Name = "salesforceRecordId", DisplayName = "Associated Salesforce record", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "salesforceObjectType", DisplayName = "Associated object type", Type = FieldType.String },
        ],
    };

    /// <summary>Opportunity fields flow one way into every project associated with the Opportunity.</summary>
    public static ObjectMapping OpportunityToProject { get; } = new()
    {
        Entity = "project",
        SalesforceObject = "Opportunity",
        Direction = SyncDirection.ToApp,
        DirectionLocked = true,
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name", Direction = SyncDirection.ToApp },
            new() { EntityField = "dealSize", SalesforceField = "Amount", Direction = SyncDirection.ToApp },
            new() { EntityField = "clientName", SalesforceField = "Account.Name", Direction = SyncDirection.ToApp },
            new() { EntityField = "description", SalesforceField = "Description", Direction = SyncDirection.ToApp },
        ],
    };

    /// <summary>Project data published to Salesforce for reporting.</summary>
    public static ObjectMapping ProjectReporting { get; } = new()
    {
        Entity = "project",
        SalesforceObject = "Responsive_Project__c",
        Direction = SyncDirection.ToSalesforce,
        DirectionLocked = true,
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "id", SalesforceField = "Responsive_Project_Id__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "stage", SalesforceField = "Stage__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "dueDate", SalesforceField = "Due_Date__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "dealSize", SalesforceField = "Deal_Size__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "salesforceRecordId", SalesforceField = "Related_Record_Id__c", Direction = SyncDirection.ToSalesforce },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "apiBaseUrl", DisplayName = "API base URL", Type = SettingType.Url, Required = true, Description = "The organisation's Responsive URL, e.g. https://acme.responsive.io." },
        new() { Key = "apiToken", DisplayName = "API token", Type = SettingType.String, Required = true, Secret = true },
        new() { Key = "allowAssociation", DisplayName = "Allow association of intakes/projects with Salesforce objects", Type = SettingType.Boolean, DefaultValue = "true" },
        new() { Key = "associationObjects", DisplayName = "Object types for association", Type = SettingType.String, DefaultValue = "Opportunity,Account", Description = "Comma-separated Salesforce object names." },
        new() { Key = "defaultAssociationObject", DisplayName = "Default object type", Type = SettingType.String, DefaultValue = "Opportunity" },
        new() { Key = "useAdminAccount", DisplayName = "Connect using the admin account for lookups", Type = SettingType.Boolean, DefaultValue = "true" },
        new() { Key = "packagePublishMode", DisplayName = "Publish response packages as", Type = SettingType.Choice, Choices = ["Files", "ChatterAndFiles"], DefaultValue = "Files" },
        new() { Key = "autoPublishPackages", DisplayName = "Auto-publish exported response packages", Type = SettingType.Boolean, DefaultValue = "false" },
    ];
}
