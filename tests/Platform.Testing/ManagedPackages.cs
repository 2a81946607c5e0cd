using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Testing;

/// <summary>What installing a vendor's managed package adds to an org, for tests and benchmarks of its connector.</summary>
public static class ManagedPackages
{
    /// <summary>Responsive's reporting objects, <c>Responsive_Project__c</c> and <c>Responsive_Intake__c</c>, with their lookups to Opportunity and Account.</summary>
    public static SeedDocument Responsive { get; } = new()
    {
        Objects =
        [
            new CustomObjectSpec
            {
                Name = "Responsive_Project__c",
                Label = "Responsive Project",
                LabelPlural = "Responsive Projects",
                Fields =
                [
                    new() { Name = "Responsive_Project_Id__c", Type = "string", Label = "Responsive project id", Length = 32, ExternalId = true, Unique = true },
                    new() { Name = "Stage__c", Type = "string", Label = "Stage", Length = 80 },
                    new() { Name = "Due_Date__c", Type = "datetime", Label = "Due date" },
                    new() { Name = "Primary_Contact__c", Type = "email", Label = "Primary contact" },
                    new() { Name = "Last_Activity__c", Type = "datetime", Label = "Last activity" },
                    new() { Name = "Opportunity__c", Type = "reference", Label = "Opportunity", ReferenceTo = ["Opportunity"], RelationshipName = "Opportunity__r" },
                    new() { Name = "Account__c", Type = "reference", Label = "Account", ReferenceTo = ["Account"], RelationshipName = "Account__r" },
                ],
            },
            new CustomObjectSpec
            {
                Name = "Responsive_Intake__c",
                Label = "Responsive Intake",
                LabelPlural = "Responsive Intakes",
                Fields =
                [
                    new() { Name = "Responsive_Intake_Id__c", Type = "string", Label = "Responsive intake id", Length = 32, ExternalId = true, Unique = true },
                    new() { Name = "Status__c", Type = "string", Label = "Status", Length = 80 },
                    new() { Name = "Due_Date__c", Type = "datetime", Label = "Due date" },
                    new() { Name = "Requester__c", Type = "email", Label = "Requester" },
                    new() { Name = "Opportunity__c", Type = "reference", Label = "Opportunity", ReferenceTo = ["Opportunity"], RelationshipName = "Opportunity__r" },
                    new() { Name = "Account__c", Type = "reference", Label = "Account", ReferenceTo = ["Account"], RelationshipName = "Account__r" },
                ],
            },
        ],
    };
}
