using System.Text.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Testing;

/// <summary>
/// The custom fields (and record types) each shipped connector's guide tells Salesforce admins to create, as emulator
/// seeds: the end-to-end fixtures and the conformance tests start their orgs from these.
/// </summary>
public static class ConnectorOrgs
{
    public const string AssignedCsmField = "ClientSuccess__ClientSuccess_Assigned_CSM__c";
    public const string SuccessScoreField = "ClientSuccess__ClientSuccess_SuccessScore__c";

    private static readonly CustomFieldSpec[] ReferralFields =
    [
        new() { Name = "Referral_ID__c", Type = "string", Label = "Referral ID", Length = 64, ExternalId = true, Unique = true },
        new() { Name = "Referral_Source_Note__c", Type = "textarea", Label = "Referral Rock Source Note", Length = 32768 },
        new() { Name = "Referral_URL__c", Type = "url", Label = "Referral URL" },
        new() { Name = "Referral_Member_URL__c", Type = "url", Label = "Referral Member URL" },
        new() { Name = "Industry_Detail__c", Type = "string", Label = "Industry detail", Length = 100 },
        new() { Name = "Referring_Member_Name__c", Type = "string", Label = "Referring member", Length = 120 },
        new() { Name = "Referring_Member_Email__c", Type = "email", Label = "Referring member e-mail" },
        new() { Name = "Referring_Member_Phone__c", Type = "phone", Label = "Referring member phone" },
        new() { Name = "Referring_Member_External_ID__c", Type = "string", Label = "Referring member external ID", Length = 64 },
        new() { Name = "Referring_Member_Code__c", Type = "string", Label = "Referring member code", Length = 20 },
        new() { Name = "Member_Region__c", Type = "string", Label = "Member region", Length = 40 },
        new() { Name = "Private_Note__c", Type = "encryptedstring", Label = "Private note", Length = 100 },
    ];

    /// <summary>ClientSuccess's managed-package Account fields, and fields the tests map optionally.</summary>
    public static SeedDocument ClientSuccess { get; } = new()
    {
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
        {
            ["Account"] =
            [
                new() { Name = AssignedCsmField, Type = "string", Label = "ClientSuccess Assigned CSM", Length = 255 },
                new() { Name = SuccessScoreField, Type = "double", Label = "ClientSuccess SuccessScore", Precision = 3, Scale = 0 },
                new() { Name = "Segments__c", Type = "multipicklist", Label = "Segments", Values = ["SMB", "Enterprise"] },
                new() { Name = "Summary__c", Type = "textarea", Label = "Summary", Length = 32768 },
                new() { Name = "Tax_Number__c", Type = "encryptedstring", Label = "Tax number", Length = 20 },
            ],
        },
    };

    /// <summary>Referral Rock's fields on Lead, Contact and Opportunity.</summary>
    public static SeedDocument ReferralRock { get; } = new()
    {
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
        {
            ["Lead"] = ReferralFields,
            ["Contact"] = [.. ReferralFields, new() { Name = "Referral_Company__c", Type = "string", Label = "Referral company", Length = 255 }],
            ["Opportunity"] =
            [
                new() { Name = "Referral_ID__c", Type = "string", Label = "Referral ID", Length = 64 },
                new() { Name = "Referral_Code__c", Type = "string", Label = "Referral code", Length = 20 },
                new() { Name = "Private_Note__c", Type = "encryptedstring", Label = "Private note", Length = 100 },
            ],
        },
    };

    /// <summary>Channeltivity's sync flag and partner status on Account, and partner record types.</summary>
    public static SeedDocument Channeltivity { get; } = new()
    {
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
        {
            ["Account"] =
            [
                new() { Name = "Sync_with_Channeltivity__c", Type = "boolean", Label = "Sync with Channeltivity", Default = JsonSerializer.SerializeToElement(false) },
                new() { Name = "Channeltivity_Partner_Status__c", Type = "picklist", Label = "Channeltivity Partner Status", Values = ["Active Partner", "Prospective Partner", "Inactive Partner"] },
            ],
        },
        RecordTypes =
        [
            new() { SobjectType = "Account", DeveloperName = "Partner", Name = "Partner" },
            new() { SobjectType = "Account", DeveloperName = "Customer", Name = "Customer", IsDefault = true },
            new() { SobjectType = "Contact", DeveloperName = "Partner_Contact", Name = "Partner contact" },
        ],
    };
}
