using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>Channeltivity's entities, settings and default Salesforce mappings (strictly two-way).</summary>
internal static class ChanneltivitySchema
{
    public const string Partner = "partner";
    public const string PartnerContact = "partnerContact";
    public const string StatusField = "status";
    public const string SyncFlagField = "syncFlag";
    public const string RecordTypeField = "recordTypeId";

    public const string SyncFlagSetting = "syncFlagField";
    public const string StatusSetting = "statusField";
    public const string SyncProspectiveSetting = "syncProspective";
    public const string SyncInactiveSetting = "syncInactive";
    public const string AccountRecordTypeSetting = "accountRecordType";
    public const string ContactRecordTypeSetting = "contactRecordType";

    /// <summary>Channeltivity's built-in partner status; it cannot be changed, added to or removed from.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["Active", "Prospective", "Inactive"];

    /// <summary>The values the set-up guide asks for on the Salesforce status picklist.</summary>
    public static IReadOnlyDictionary<string, string> DefaultStatusMap { get; } = new Dictionary<string, string>
    {
        ["Active"] = "Active Partner",
        ["Prospective"] = "Prospective Partner",
        ["Inactive"] = "Inactive Partner",
    };

    public static EntitySchema PartnerEntity { get; } = new()
    {
        Name = Partner,
        DisplayName = "Partner",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "name", Type = FieldType.String, Required = true },
            new() { Name = StatusField, DisplayName = "Status", Type = FieldType.Picklist, Required = true, AllowedValues = Statuses },
            new() { Name = "website", Type = FieldType.Url },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "street", Type = FieldType.String },
            new() { Name = "city", Type = FieldType.String },
            new() { Name = "state", Type = FieldType.String },
            new() { Name = "postalCode", DisplayName = "Postal code", Type = FieldType.String },
            new() { Name = "country", Type = FieldType.String },
            new() { Name = "partnerType", DisplayName = "Partner type", Type = FieldType.String },
            new() { Name = "tier", Type = FieldType.String },
            // Not Channeltivity fields: the connector fills them so that an account created from a partner is flagged for
            // sync (else its changes would never come back) and gets the chosen record type.
            new() { Name = SyncFlagField, DisplayName = "Sync flag (always set)", Type = FieldType.Boolean, ReadOnly = true },
            new() { Name = RecordTypeField, DisplayName = "Record type for new accounts", Type = FieldType.String, ReadOnly = true },
        ],
    };

    public static EntitySchema PartnerContactEntity { get; } = new()
    {
        Name = PartnerContact,
        DisplayName = "Partner contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "partnerId", DisplayName = "Partner", Type = FieldType.Reference, Required = true, ReferenceTo = Partner },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String, Required = true },
            new() { Name = "email", Type = FieldType.Email, Required = true },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "title", Type = FieldType.String },
            new() { Name = RecordTypeField, DisplayName = "Record type for new contacts", Type = FieldType.String, ReadOnly = true },
        ],
    };

    /// <summary>The mappings with the fields the set-up guide names, for the given sync flag and status fields and record types.</summary>
    public static IReadOnlyList<ObjectMapping> Mappings(Func<string, string?> setting) =>
    [
        new()
        {
            Entity = Partner,
            SalesforceObject = "Account",
            Direction = SyncDirection.Both,
            DirectionLocked = true,
            Fields =
            [
                new() { EntityField = "name", SalesforceField = "Name" },
                new() { EntityField = StatusField, SalesforceField = setting(StatusSetting) ?? DefaultStatusField, ValueMap = DefaultStatusMap },
                new() { EntityField = "website", SalesforceField = "Website" },
                new() { EntityField = "phone", SalesforceField = "Phone" },
                new() { EntityField = "street", SalesforceField = "BillingStreet" },
                new() { EntityField = "city", SalesforceField = "BillingCity" },
                new() { EntityField = "state", SalesforceField = "BillingState" },
                new() { EntityField = "postalCode", SalesforceField = "BillingPostalCode" },
                new() { EntityField = "country", SalesforceField = "BillingCountry" },
                new() { EntityField = SyncFlagField, SalesforceField = setting(SyncFlagSetting) ?? DefaultSyncFlagField, Direction = SyncDirection.ToSalesforce, FirstSyncOnly = true },
                .. RecordType(setting, AccountRecordTypeSetting),
            ],
        },
        new()
        {
            Entity = PartnerContact,
            SalesforceObject = "Contact",
            Direction = SyncDirection.Both,
            DirectionLocked = true,
            MatchEntityFields = ["email"],
            Fields =
            [
                new() { EntityField = "partnerId", SalesforceField = "AccountId" },
                new() { EntityField = "firstName", SalesforceField = "FirstName" },
                new() { EntityField = "lastName", SalesforceField = "LastName" },
                new() { EntityField = "email", SalesforceField = "Email" },
                new() { EntityField = "phone", SalesforceField = "Phone" },
                new() { EntityField = "title", SalesforceField = "Title" },
                .. RecordType(setting, ContactRecordTypeSetting),
            ],
        },
    ];

    public const string DefaultSyncFlagField = "Sync_with_Channeltivity__c";
    public const string DefaultStatusField = "Channeltivity_Partner_Status__c";

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = SyncFlagSetting, DisplayName = "Sync flag (Account checkbox field)", Type = SettingType.String, Required = true, DefaultValue = DefaultSyncFlagField, Description = "The Account checkbox that marks the accounts to sync; only flagged accounts sync, and accounts created from Channeltivity are flagged." },
        new() { Key = StatusSetting, DisplayName = "Partner status (Account picklist field)", Type = SettingType.String, Required = true, DefaultValue = DefaultStatusField, Description = "The Account picklist mapped to Channeltivity's Status; it must hold exactly the values the three statuses map to." },
        new() { Key = SyncProspectiveSetting, DisplayName = "Sync prospective partners", Type = SettingType.Boolean, DefaultValue = "false" },
        new() { Key = SyncInactiveSetting, DisplayName = "Sync inactive partners", Type = SettingType.Boolean, DefaultValue = "false" },
        new() { Key = AccountRecordTypeSetting, DisplayName = "Account record type", Type = SettingType.String, Description = "A record type id (012…): accounts created from Channeltivity get it, and only accounts of it sync. Default: none (any)." },
        new() { Key = ContactRecordTypeSetting, DisplayName = "Contact record type", Type = SettingType.String, Description = "A record type id (012…): contacts created from Channeltivity get it, and only contacts of it sync. Default: none (any)." },
    ];

    private static IEnumerable<FieldMapping> RecordType(Func<string, string?> setting, string key) => setting(key) is null
        ? []
        : [new() { EntityField = RecordTypeField, SalesforceField = "RecordTypeId", Direction = SyncDirection.ToSalesforce, FirstSyncOnly = true }];
}
