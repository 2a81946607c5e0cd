using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>Responsive's entities (<c>/rfpserver/ext/v1</c> projects and intakes), its settings and the default Salesforce mapping.</summary>
internal static class ResponsiveSchema
{
    public const string AllowAssociationSetting = "allowAssociation";
    public const string AssociationObjectsSetting = "associationObjects";
    public const string DefaultAssociationObjectSetting = "defaultAssociationObject";
    public const string UseAdminAccountSetting = "useAdminAccount";
    public const string PackagePublishModeSetting = "packagePublishMode";
    public const string AutoPublishPackagesSetting = "autoPublishPackages";

    /// <summary>The managed package's reporting object for projects: one record per published project.</summary>
    public const string ReportingObject = "Responsive_Project__c";

    /// <summary>The managed package's reporting object for intakes: one record per published intake.</summary>
    public const string IntakeReportingObject = "Responsive_Intake__c";

    public static EntitySchema Project { get; } = new()
    {
        Name = "project",
        DisplayName = "Project",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true, MaxLength = 255 },
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
            new() { Name = "opportunityId", DisplayName = "Associated Opportunity", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "accountId", DisplayName = "Associated Account", Type = FieldType.String, MaxLength = 18 },
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
            new() { Name = "name", Type = FieldType.String, Required = true, MaxLength = 255 },
            new() { Name = "dueDate", DisplayName = "Due date", Type = FieldType.DateTime },
            new() { Name = "requester", Type = FieldType.Email },
            new() { Name = "description", Type = FieldType.Text },
            new() { Name = "status", Type = FieldType.String, ReadOnly = true },
            new() { Name = "salesforceRecordId", DisplayName = "Associated Salesforce record", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "salesforceObjectType", DisplayName = "Associated object type", Type = FieldType.String },
            new() { Name = "opportunityId", DisplayName = "Associated Opportunity", Type = FieldType.String, MaxLength = 18 },
            new() { Name = "accountId", DisplayName = "Associated Account", Type = FieldType.String, MaxLength = 18 },
        ],
    };

    /// <summary>
    /// Projects ↔ the managed package's reporting object. Project data (stage, due date, activity) is published for
    /// Salesforce reports; a reporting record created in Salesforce creates its project in Responsive ("create project
    /// from Salesforce"); the associated Opportunity's fields flow one way into every project that names it, through
    /// the reporting record's Opportunity lookup (so one Opportunity may have several projects).
    /// </summary>
    public static ObjectMapping ProjectReporting { get; } = new()
    {
        Entity = "project",
        SalesforceObject = ReportingObject,
        Direction = SyncDirection.Both,
        SalesforceExternalIdField = "Responsive_Project_Id__c",
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name", Direction = SyncDirection.Both },
            new() { EntityField = "dueDate", SalesforceField = "Due_Date__c", Direction = SyncDirection.Both },
            new() { EntityField = "primaryContact", SalesforceField = "Primary_Contact__c", Direction = SyncDirection.Both },
            new() { EntityField = "opportunityId", SalesforceField = "Opportunity__c", Direction = SyncDirection.Both },
            new() { EntityField = "accountId", SalesforceField = "Account__c", Direction = SyncDirection.Both },
            new() { EntityField = "stage", SalesforceField = "Stage__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "lastActivityAt", SalesforceField = "Last_Activity__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "dealSize", SalesforceField = "Opportunity__r.Amount", Direction = SyncDirection.ToApp },
            new() { EntityField = "clientName", SalesforceField = "Opportunity__r.Account.Name", Direction = SyncDirection.ToApp },
        ],
    };

    /// <summary>
    /// Intakes ↔ the managed package's intake reporting object, the same way as projects: published for reports,
    /// created from Salesforce, associated with an Opportunity or Account under the same association settings.
    /// </summary>
    public static ObjectMapping IntakeReporting { get; } = new()
    {
        Entity = "intake",
        SalesforceObject = IntakeReportingObject,
        Direction = SyncDirection.Both,
        SalesforceExternalIdField = "Responsive_Intake_Id__c",
        Fields =
        [
            new() { EntityField = "name", SalesforceField = "Name", Direction = SyncDirection.Both },
            new() { EntityField = "dueDate", SalesforceField = "Due_Date__c", Direction = SyncDirection.Both },
            new() { EntityField = "requester", SalesforceField = "Requester__c", Direction = SyncDirection.Both },
            new() { EntityField = "opportunityId", SalesforceField = "Opportunity__c", Direction = SyncDirection.Both },
            new() { EntityField = "accountId", SalesforceField = "Account__c", Direction = SyncDirection.Both },
            new() { EntityField = "status", SalesforceField = "Status__c", Direction = SyncDirection.ToSalesforce },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "apiBaseUrl", DisplayName = "Responsive URL", Type = SettingType.Url, Required = true, Description = "The organisation's Responsive URL, e.g. https://acme.responsive.io; the API is below /rfpserver/ext/v1." },
        new() { Key = "apiToken", DisplayName = "API token", Type = SettingType.String, Required = true, Secret = true },
        new() { Key = AllowAssociationSetting, DisplayName = "Allow association of intakes/projects with Salesforce objects from within Responsive", Type = SettingType.Boolean, DefaultValue = "true", Description = "When off, projects created in Responsive are not associated with Salesforce records (and not published); projects created from Salesforce still are." },
        new() { Key = AssociationObjectsSetting, DisplayName = "Object types for project association", Type = SettingType.String, DefaultValue = "Opportunity,Account", Description = "Comma-separated: Opportunity, Account or both (the types the reporting object can point at)." },
        new() { Key = DefaultAssociationObjectSetting, DisplayName = "Default object type for association", Type = SettingType.String, DefaultValue = "Opportunity", Description = "Selected first when a user associates a project; one of the object types for association." },
        new() { Key = UseAdminAccountSetting, DisplayName = "Connect using the admin account instead of individual user accounts", Type = SettingType.Boolean, DefaultValue = "false", Description = "On: every lookup runs as the instance's connection. Off: each user connects their own Salesforce account (refresh-token flow) and lookups run as them. Can be on only when association is allowed." },
        new() { Key = PackagePublishModeSetting, DisplayName = "Publish export response packages as", Type = SettingType.Choice, Choices = ["Files", "ChatterAndFiles"], DefaultValue = "Files", Description = "Files: a File on the associated record. ChatterAndFiles: also a Chatter post on it." },
        new() { Key = AutoPublishPackagesSetting, DisplayName = "Auto-publish export response packages to Salesforce", Type = SettingType.Boolean, DefaultValue = "false", Description = "Off: packages are published per project on request." },
    ];

    public static EntitySchema Of(string entity) => entity switch
    {
        "project" => Project,
        "intake" => Intake,
        _ => throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = $"Responsive has no entity '{entity}'." }),
    };
}
