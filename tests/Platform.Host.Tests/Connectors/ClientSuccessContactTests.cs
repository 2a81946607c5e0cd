using System.Text.Json;
using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>Contacts follow their accounts: only contacts of paired accounts sync, both ways, under the right client.</summary>
public sealed class ClientSuccessContactTests
{
    [Fact]
    public async Task Import_BringsOverTheContactsOfImportedAccountsOnly()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        var globex = await cs.CreateAccountAsync("Globex", "Prospect");
        var ann = await cs.CreateContactAsync("Archer", acme, ("FirstName", "Ann"), ("Title", "CFO"), ("Email", "ann@acme.test"), ("Phone", "555-0100"), ("MobilePhone", "555-0101"), ("Description", "Signs the renewals"));
        var bob = await cs.CreateContactAsync("Baker", acme, ("FirstName", "Bob"));
        var carl = await cs.CreateContactAsync("Cole", globex);
        await cs.CreateContactAsync("Doe", accountId: null);
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping(), ClientSuccessFixture.ContactMapping());

        await cs.SyncAsync();

        var acmeClient = cs.Client(acme).Uuid;
        cs.Contacts().Select(c => c.CrmContactId).ShouldBe([ann, bob], ignoreOrder: true, "only the contacts of the imported (customer) account");
        cs.Contact(ann).ShouldSatisfyAllConditions(
            c => c.ClientUuid.ShouldBe(acmeClient),
            c => (c.FirstName, c.LastName, c.Title, c.Email, c.Phone, c.Mobile, c.Description).ShouldBe(("Ann", "Archer", "CFO", "ann@acme.test", "555-0100", "555-0101", "Signs the renewals")));
        var waiting = await cs.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = "clientsuccess", Mapping = "contacts", SalesforceId = carl });
        waiting.Note.ShouldContain("AccountId");
        waiting.Note.ShouldContain(globex);
        (await cs.SyncAsync()).ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0));

        cs.AdvanceClocks(TimeSpan.FromMinutes(10));
        await cs.User.UpdateAsync("Contact", bob, new Dictionary<string, object?> { ["Title"] = "Buyer" });
        await cs.SyncAsync();
        cs.AdvanceClocks(TimeSpan.FromMinutes(10));
        await cs.User.UpdateAsync("Account", globex, new Dictionary<string, object?> { ["Type"] = "Customer - Channel" });
        await cs.SyncAsync();

        cs.Contact(carl).ClientUuid.ShouldBe(cs.Client(globex).Uuid, "an account imported later brings its existing contacts");
    }

    [Fact]
    public async Task PairedContacts_SyncBothWays_AndNewOnesJoinTheirAccount()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        var initech = await cs.CreateAccountAsync("Initech", "Customer - Direct");
        var ann = await cs.CreateContactAsync("Archer", acme, ("FirstName", "Ann"));
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping(), ClientSuccessFixture.ContactMapping());
        await cs.SyncAsync();
        var annUuid = cs.Contact(ann).Uuid;
        var initechClient = cs.Client(initech).Uuid;

        await cs.User.UpdateAsync("Contact", ann, new Dictionary<string, object?> { ["Title"] = "CEO", ["AccountId"] = initech });
        cs.ClientSuccess.Store.UpdateContact(annUuid, Json(("mobile", "555-0199"))).Error.ShouldBeNull();
        var zoe = cs.ClientSuccess.Store.CreateContact(Json(("clientUuid", initechClient), ("firstName", "Zoe"), ("lastName", "Zimmer"), ("email", "zoe@initech.test"))).Contact!.Uuid;
        await cs.SyncAsync();

        cs.Contact(ann).ShouldSatisfyAllConditions(c => c.Title.ShouldBe("CEO"), c => c.ClientUuid.ShouldBe(initechClient, "moving the contact to another account moves it to that client"));
        var annInSalesforce = (await cs.User.GetAsync("Contact", ann, ["MobilePhone"]))!;
        annInSalesforce["MobilePhone"].ShouldBe("555-0199");
        var zoeId = cs.ClientSuccess.Store.GetContact(zoe)!.CrmContactId.ShouldNotBeNull("a contact made in ClientSuccess is created in Salesforce and given its id");
        var zoeInSalesforce = (await cs.User.GetAsync("Contact", zoeId, ["AccountId", "LastName", "Email"]))!;
        (zoeInSalesforce["AccountId"], zoeInSalesforce["LastName"], zoeInSalesforce["Email"]).ShouldBe((initech, "Zimmer", "zoe@initech.test"));
        (await cs.SyncAsync()).ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0));
    }

    [Fact]
    public async Task ContactMapping_ReferencingAMappingOfAnotherObject_IsRejectedNamingTheField()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var contacts = ClientSuccessFixture.ContactMapping();
        contacts.Fields[0].SalesforceField = "ReportsToId";
        contacts.Fields[0].ReferenceMapping = "clients";

        var error = await Should.ThrowAsync<RpcException>(() => cs.ConnectAsync(ClientSuccessFixture.ClientMapping(), contacts));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("mappings[1].fields[0].reference_mapping");
        error.Status.Detail.ShouldContain("Contact.ReportsToId is not a lookup to Account");
    }

    [Fact]
    public async Task DefaultMappings_ReferenceTheClientMappingByThemselves()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();

        var integration = await cs.ConnectAsync();

        integration.Mappings.Single(m => m.Entity == "contact").Fields.Single(f => f.AppField == "clientId").ReferenceMapping.ShouldBe("client");
    }

    private static System.Text.Json.Nodes.JsonObject Json(params (string Property, object? Value)[] values) =>
        JsonSerializer.SerializeToNode(values.ToDictionary(v => v.Property, v => v.Value))!.AsObject();
}
