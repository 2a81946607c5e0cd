using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>
/// Referral Rock's referral (<c>api/referrals</c>) as the connector shows it: its own fields, its referring member's
/// (read-only, from the member record), the links to both in Referral Rock, and the default Lead mapping with the
/// fields Referral Rock always sets on a Lead or Contact it adds.
/// </summary>
internal static class ReferralRockSchema
{
    public const string ExistingEmailRuleSetting = "existingEmailRule";

    public static EntitySchema Referral { get; } = new()
    {
        Name = "referral",
        DisplayName = "Referral",
        Fields =
        [
            new() { Name = "id", DisplayName = "Referral ID", Type = FieldType.String, ReadOnly = true },
            new() { Name = "programId", DisplayName = "Program ID", Type = FieldType.String, ReadOnly = true },
            new() { Name = "programName", DisplayName = "Program", Type = FieldType.String, ReadOnly = true },
            new() { Name = "firstName", DisplayName = "First name", Type = FieldType.String },
            new() { Name = "lastName", DisplayName = "Last name", Type = FieldType.String },
            new() { Name = "email", DisplayName = "E-mail", Type = FieldType.Email },
            new() { Name = "companyName", DisplayName = "Company", Type = FieldType.String },
            new() { Name = "phone", DisplayName = "Phone", Type = FieldType.Phone },
            new() { Name = "externalId", DisplayName = "External ID", Type = FieldType.String },
            new() { Name = "status", DisplayName = "Status", Type = FieldType.Picklist, AllowedValues = ["pending", "qualified", "approved", "denied"] },
            new() { Name = "amount", DisplayName = "Amount", Type = FieldType.Currency },
            new() { Name = "source", DisplayName = "Referral source", Type = FieldType.String, ReadOnly = true },
            new() { Name = "sourceNote", DisplayName = "Referral Rock source note", Type = FieldType.Text, ReadOnly = true },
            new() { Name = "note", DisplayName = "Note", Type = FieldType.Text },
            new() { Name = "referralUrl", DisplayName = "Referral URL", Type = FieldType.Url, ReadOnly = true },
            new() { Name = "memberUrl", DisplayName = "Member URL", Type = FieldType.Url, ReadOnly = true },
            new() { Name = "createdAt", DisplayName = "Created", Type = FieldType.DateTime, ReadOnly = true },
            new() { Name = "memberId", DisplayName = "Referring member ID", Type = FieldType.String, ReadOnly = true },
            new() { Name = "memberName", DisplayName = "Referring member name", Type = FieldType.String, ReadOnly = true },
            new() { Name = "memberEmail", DisplayName = "Referring member e-mail", Type = FieldType.Email, ReadOnly = true },
            new() { Name = "memberExternalId", DisplayName = "Referring member external ID", Type = FieldType.String, ReadOnly = true },
            new() { Name = "memberPhone", DisplayName = "Referring member phone", Type = FieldType.Phone, ReadOnly = true },
            new() { Name = "memberReferralCode", DisplayName = "Referring member referral code", Type = FieldType.String, ReadOnly = true },
            .. ReferralRockValues.ReferralCustomFields.Select(f => new FieldSchema { Name = f, DisplayName = $"Custom field {f}", Type = FieldType.String }),
            .. ReferralRockValues.MemberCustomFields.Select(f => new FieldSchema { Name = f.Entity, DisplayName = $"Referring member custom field {f.Api}", Type = FieldType.String, ReadOnly = true }),
        ],
    };

    /// <summary>A new referral becomes a Lead with the fields Referral Rock always sets; existing e-mails are matched first.</summary>
    public static ObjectMapping ReferralToLead { get; } = new()
    {
        Entity = "referral",
        SalesforceObject = "Lead",
        Direction = SyncDirection.ToSalesforce,
        MatchEntityFields = ["email"],
        SalesforceExternalIdField = "Referral_ID__c",
        Fields =
        [
            To("firstName", "FirstName"),
            To("lastName", "LastName"),
            To("email", "Email"),
            To("companyName", "Company"),
            To("id", "Referral_ID__c"),
            To("source", "LeadSource"),
            To("sourceNote", "Referral_Source_Note__c"),
            To("memberUrl", "Referral_Member_URL__c"),
            To("referralUrl", "Referral_URL__c"),
        ],
    };

    public static IReadOnlyList<SettingDefinition> Settings { get; } =
    [
        new() { Key = "apiBaseUrl", DisplayName = "API base URL", Type = SettingType.Url, DefaultValue = "https://api.referralrock.com/" },
        new() { Key = "publicKey", DisplayName = "Public key", Type = SettingType.String, Required = true, Description = "The public half of the account's API key pair (Settings → Integrations → API in Referral Rock). A Salesforce org can be connected to one Referral Rock account at a time." },
        new() { Key = "privateKey", DisplayName = "Private key", Type = SettingType.String, Required = true, Secret = true },
        new() { Key = "appUrl", DisplayName = "Referral Rock app URL", Type = SettingType.Url, DefaultValue = "https://app.referralrock.com/", Description = "Where the Referral and Member URLs written to Salesforce point." },
        new()
        {
            Key = ExistingEmailRuleSetting,
            DisplayName = "When the referral's e-mail already exists in Salesforce",
            Type = SettingType.Choice,
            Choices = [nameof(ExistingEmailRule.UpdateExisting), nameof(ExistingEmailRule.Skip), nameof(ExistingEmailRule.SetDenied)],
            DefaultValue = nameof(ExistingEmailRule.UpdateExisting),
            Description = "UpdateExisting links the referral to the existing Lead or Contact and updates it; Skip leaves both alone; SetDenied sets the referral to denied, unless the Lead or Contact was added within the past 60 minutes (then it is linked, as another integration probably added it for this referral).",
        },
    ];

    private static FieldMapping To(string entityField, string salesforceField) =>
        new() { EntityField = entityField, SalesforceField = salesforceField, Direction = SyncDirection.ToSalesforce };
}

/// <summary>What happens when a new referral's e-mail already belongs to a Salesforce Lead or Contact.</summary>
internal enum ExistingEmailRule
{
    UpdateExisting,
    Skip,
    SetDenied,
}
