using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>Referral Rock's entities (<c>api/referrals</c>, <c>api/members</c>) and their default Salesforce mapping.</summary>
internal static class ReferralRockSchema
{
    public static EntitySchema Referral { get; } = new()
    {
        Name = "referral",
        DisplayName = "Referral",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "programId", DisplayName = "Program", Type = FieldType.Reference, Required = true },
            new() { Name = "memberId", DisplayName = "Referring member", Type = FieldType.Reference },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "companyName", DisplayName = "Company", Type = FieldType.String },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "externalId", DisplayName = "External id", Type = FieldType.String },
            new() { Name = "status", Type = FieldType.Picklist, AllowedValues = ["pending", "qualified", "approved", "denied"] },
            new() { Name = "source", DisplayName = "Referral source", Type = FieldType.String },
            new() { Name = "note", DisplayName = "Source note", Type = FieldType.Text },
            new() { Name = "referralUrl", DisplayName = "Referral URL", Type = FieldType.Url, ReadOnly = true },
            new() { Name = "memberUrl", DisplayName = "Member URL", Type = FieldType.Url, ReadOnly = true },
            new() { Name = "amount", DisplayName = "Sale amount", Type = FieldType.Currency },
            new() { Name = "createdAt", DisplayName = "Created", Type = FieldType.DateTime, ReadOnly = true },
        ],
    };

    public static EntitySchema Member { get; } = new()
    {
        Name = "member",
        DisplayName = "Member",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "programId", DisplayName = "Program", Type = FieldType.Reference, Required = true },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String },
            new() { Name = "email", Type = FieldType.Email, Required = true },
            new() { Name = "phone", Type = FieldType.Phone },
            new() { Name = "externalId", DisplayName = "External id", Type = FieldType.String },
            new() { Name = "referralCode", DisplayName = "Referral code", Type = FieldType.String, ReadOnly = true },
            new() { Name = "memberUrl", DisplayName = "Member URL", Type = FieldType.Url, ReadOnly = true },
        ],
    };

    /// <summary>Fields always set on the Lead (or Contact) a new referral creates.</summary>
    public static ObjectMapping ReferralToLead { get; } = new()
    {
        Entity = "referral",
        SalesforceObject = "Lead",
        Direction = SyncDirection.ToSalesforce,
        Fields =
        [
            new() { EntityField = "firstName", SalesforceField = "FirstName", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "lastName", SalesforceField = "LastName", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "email", SalesforceField = "Email", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "companyName", SalesforceField = "Company", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "id", SalesforceField = "Referral_ID__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "source", SalesforceField = "LeadSource", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "note", SalesforceField = "Referral_Source_Note__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "memberUrl", SalesforceField = "Referral_Member_URL__c", Direction = SyncDirection.ToSalesforce },
            new() { EntityField = "referralUrl", SalesforceField = "Referral_URL__c", Direction = SyncDirection.ToSalesforce },
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "apiBaseUrl", DisplayName = "API base URL", Type = SettingType.Url, DefaultValue = "https://api.referralrock.com" },
        new() { Key = "publicKey", DisplayName = "Public key", Type = SettingType.String, Required = true },
        new() { Key = "privateKey", DisplayName = "Private key", Type = SettingType.String, Required = true, Secret = true },
        new() { Key = "targetObject", DisplayName = "Add referrals as", Type = SettingType.Choice, Choices = ["Lead", "Contact"], DefaultValue = "Lead" },
        new() { Key = "existingEmailRule", DisplayName = "When the e-mail already exists in Salesforce", Type = SettingType.Choice, Choices = ["UpdateExisting", "Skip", "SetDenied"], DefaultValue = "UpdateExisting" },
        new() { Key = "allowDeniedOverride", DisplayName = "Let Salesforce override denied referrals", Type = SettingType.Boolean, DefaultValue = "false" },
    ];
}
