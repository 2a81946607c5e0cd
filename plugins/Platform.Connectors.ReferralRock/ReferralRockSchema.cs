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

    /// <summary>Referral fields an entry from Salesforce can set ("Referral Fields to Update").</summary>
    public static readonly IReadOnlyList<string> ReceiverUpdateFields =
        ["firstName", "lastName", "email", "companyName", "phone", "externalId", "amount", "note", .. ReferralRockValues.ReferralCustomFields];

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

    /// <summary>
    /// The sales receiver: an entry's action is the referral status to set; its fields are the referral target match
    /// (Referral ID, External ID), the member match for referrals that do not exist yet, and the fields to update.
    /// </summary>
    public static ReceiverDefinition Receiver { get; } = new()
    {
        Entity = "referral",
        Actions = ["pending", "qualified", "approved", "denied"],
        Fields =
        [
            new() { Name = "referralId", DisplayName = "Referral target match: Referral ID", Type = FieldType.String },
            new() { Name = "memberReferralCode", DisplayName = "Member match: referral code", Type = FieldType.String },
            new() { Name = "memberEmail", DisplayName = "Member match: e-mail", Type = FieldType.Email },
            new() { Name = "memberExternalId", DisplayName = "Member match: external ID", Type = FieldType.String },
            .. ReceiverUpdateFields.Select(name => Referral.FindField(name)! with
            {
                DisplayName = name == "externalId" ? "Referral target match: External ID (also set on the referral)" : $"Field to update: {Referral.FindField(name)!.DisplayName}",
            }),
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
        Flag(AutoProcessDirectSetting, "Automatically process direct matches", "true", "An entry whose Referral ID or External ID matches a referral updates it at once; off: such entries wait for review."),
        Flag(AutoProcessFuzzySetting, "Automatically process fuzzy matches", "true", "An entry matched to a referral by e-mail (or else full name) updates it at once; off: such entries wait for review."),
        Flag(ReviewNoMemberMatchSetting, "Review a referral add where no member matched", "false", "An entry that matches no referral and no member waits for review instead of failing."),
        Flag(ReviewDeniedUpgradeSetting, "Review when a denied referral would become qualified or approved", "false", "Such an entry waits for review; approving it sets the status."),
        Flag(AllowDeniedOverrideSetting, "Let Salesforce override denied referrals", "false", "Off: a denied referral keeps its status (its other fields are still updated) unless an operator approves the entry."),
    ];

    public const string AutoProcessDirectSetting = "autoProcessDirectMatches";
    public const string AutoProcessFuzzySetting = "autoProcessFuzzyMatches";
    public const string ReviewNoMemberMatchSetting = "reviewNoMemberMatch";
    public const string ReviewDeniedUpgradeSetting = "reviewDeniedUpgrade";
    public const string AllowDeniedOverrideSetting = "allowDeniedOverride";

    private static SettingDefinition Flag(string key, string name, string defaultValue, string description) =>
        new() { Key = key, DisplayName = name, Type = SettingType.Boolean, DefaultValue = defaultValue, Description = description };

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
