using System.Globalization;
using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>Optional Account fields: synced two-way (or to ClientSuccess only) in the client's Salesforce Account module.</summary>
public sealed class ClientSuccessOptionalFieldTests
{
    [Fact]
    public async Task OptionalFields_LiveInTheSalesforceModule_EditableOnesSyncBothWays_ReadOnlyAndHiddenOnesDoNot()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct",
            ("Industry", "Banking"), ("AnnualRevenue", 1_500_000m), ("NumberOfEmployees", 120), ("Summary__c", "Key account"), ("Website", "https://acme.test"));
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping(
            Optional("Industry", order: 1),
            Optional("AnnualRevenue", order: 2),
            Optional("NumberOfEmployees", order: 3),
            Optional("Summary__c", order: 4, editable: false),
            Optional("Website", order: 5, visible: false)));

        await cs.SyncAsync();

        var client = cs.Client(acme);
        client.Salesforce.ShouldBe(new Dictionary<string, string?> { ["Industry"] = "Banking", ["AnnualRevenue"] = "1500000", ["NumberOfEmployees"] = "120", ["Summary__c"] = "Key account" }, ignoreOrder: true);

        cs.EditClient(client.Uuid, ("salesforce", new Dictionary<string, object?> { ["Industry"] = "Energy", ["NumberOfEmployees"] = 150, ["Summary__c"] = "Edited in ClientSuccess" }));
        await cs.SyncAsync();

        var account = (await cs.User.GetAsync("Account", acme, ["Industry", "NumberOfEmployees", "Summary__c"]))!;
        (account["Industry"], Convert.ToInt32(account["NumberOfEmployees"], CultureInfo.InvariantCulture), account["Summary__c"]).ShouldBe(("Energy", 150, "Key account"), "a read-only field never flows back to Salesforce");
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?> { ["Summary__c"] = "Renewal due", ["Website"] = "https://acme.example" });
        await cs.SyncAsync();

        cs.Client(acme).Salesforce["Summary__c"].ShouldBe("Renewal due");
        cs.Client(acme).Salesforce.ShouldNotContainKey("Website", "a hidden field is not synced");
        (await cs.SyncAsync()).ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0));
    }

    [Fact]
    public async Task ListRecords_ShowsTheTopFiveVisibleFieldsByOrderThenName_AndFiltersOnThem()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct", ("Industry", "Banking"), ("Rating", "Hot"));
        await cs.CreateAccountAsync("Initech", "Customer - Direct", ("Industry", "Energy"), ("Rating", "Hot"));
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping(
            Optional("Website", order: 3),
            Optional("Rating", order: 1),
            Optional("Industry", order: 1),
            Optional("Sic", order: 2, visible: false),
            Optional("TickerSymbol", order: 2),
            Optional("AccountNumber", order: 9),
            Optional("Site", order: 4, editable: false)));
        await cs.SyncAsync();

        var list = await cs.Pairs.ListRecordsAsync(new ListRecordsRequest { IntegrationId = "clientsuccess", Mapping = "clients", Filters = { ["salesforce.Industry"] = "banking" } });

        list.Columns.Select(c => c.SalesforceField).ShouldBe(["Industry", "Rating", "TickerSymbol", "Website", "Site"]);
        list.Columns.Single(c => c.SalesforceField == "Site").Editable.ShouldBeFalse();
        var row = list.Records.ShouldHaveSingleItem();
        row.SalesforceId.ShouldBe(acme);
        row.AppId.ShouldBe(cs.Client(acme).Uuid);
        row.Values["salesforce.Rating"].ShouldBe("Hot");
        (await cs.Pairs.ListRecordsAsync(new ListRecordsRequest { IntegrationId = "clientsuccess", Mapping = "clients", Filters = { ["salesforce.Rating"] = "Hot" } })).Records.Count.ShouldBe(2);

        var error = await Should.ThrowAsync<RpcException>(() => cs.Pairs.ListRecordsAsync(new ListRecordsRequest { IntegrationId = "clientsuccess", Mapping = "clients", Filters = { ["salesforce.AccountNumber"] = "1" } }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("filters[salesforce.AccountNumber]");
    }

    [Fact]
    public async Task ReadOnlyField_MappedToSalesforceOnly_IsRejectedNamingTheSetting()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var field = Optional("Industry", order: 1, editable: false);
        field.Direction = SyncDirection.ToSalesforce;

        var error = await Should.ThrowAsync<RpcException>(() => cs.ConnectAsync(ClientSuccessFixture.ClientMapping(field)));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("fields[4].display.editable");
    }

    private static FieldMappingConfig Optional(string salesforceField, int order, bool editable = true, bool visible = true) => new()
    {
        AppField = "salesforce." + salesforceField,
        SalesforceField = salesforceField,
        Display = new FieldDisplay { Visible = visible, Editable = editable, Order = order },
    };
}
