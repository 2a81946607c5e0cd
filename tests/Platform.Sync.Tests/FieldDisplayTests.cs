using Platform.Sdk;

namespace Platform.Sync.Tests;

public sealed class FieldDisplayTests
{
    private static readonly EntitySchema Client = new()
    {
        Name = "client",
        ExtensionFieldPrefix = "salesforce.",
        Fields = [new() { Name = "name", Type = FieldType.String }],
    };

    [Fact]
    public void ListColumns_TakeTheFirstFiveVisibleExtensionFields_ByOrderThenName()
    {
        var mapping = Mapping(
            ("name", "Name", new FieldDisplay { Order = -1 }),
            ("salesforce.Zeta__c", "Zeta__c", new FieldDisplay { Order = 1 }),
            ("salesforce.alpha__c", "alpha__c", new FieldDisplay { Order = 1 }),
            ("salesforce.Hidden__c", "Hidden__c", new FieldDisplay { Order = 0, Visible = false }),
            ("salesforce.Beta__c", "Beta__c", null),
            ("salesforce.Late__c", "Late__c", new FieldDisplay { Order = 9 }),
            ("salesforce.Mid__c", "Mid__c", new FieldDisplay { Order = 2 }),
            ("salesforce.Last__c", "Last__c", new FieldDisplay { Order = 10 }));

        ListColumns.Of(mapping, Client).Select(c => c.SalesforceField).ShouldBe(["Beta__c", "alpha__c", "Zeta__c", "Mid__c", "Late__c"]);
    }

    [Fact]
    public void Compile_HiddenFieldIsNotSynced_ReadOnlyFieldFlowsToTheAppOnly_ExtensionFieldTypedFromSalesforce()
    {
        var mapping = Mapping(
            ("salesforce.Hidden__c", "Hidden__c", new FieldDisplay { Visible = false }),
            ("salesforce.Revenue__c", "Revenue__c", new FieldDisplay { Editable = false }));

        var rules = MappingRules.Compile("int-1", mapping, Client, f => new SalesforceFieldInfo(f, "currency", true, true));

        var field = rules.Fields.ShouldHaveSingleItem();
        field.AppField.ShouldBe("salesforce.Revenue__c");
        field.Direction.ShouldBe(Direction.ToApp);
        field.AppType.ShouldBe(FieldType.Currency);
    }

    private static ObjectMappingConfig Mapping(params (string App, string Salesforce, FieldDisplay? Display)[] fields) => new()
    {
        Name = "clients",
        Entity = "client",
        SalesforceObject = "Account",
        Fields = [.. fields.Select(f => new FieldMappingConfig { AppField = f.App, SalesforceField = f.Salesforce, Display = f.Display })],
    };
}
