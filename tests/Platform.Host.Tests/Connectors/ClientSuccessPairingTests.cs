using System.Net.Http.Json;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>A client is paired with its Account by the Account ID it stores (or another configured key).</summary>
public sealed class ClientSuccessPairingTests
{
    [Fact]
    public async Task AccountIdRemovedInClientSuccess_HoldsSyncWithTheCause_AndResumesWhenRestored()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());
        await cs.SyncAsync();
        var uuid = cs.Client(acme).Uuid;

        cs.EditClient(uuid, ("crmCustomerId", null));
        await cs.SyncAsync();
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        await cs.SyncAsync();

        var held = await cs.PairOfClientAsync(uuid);
        held.Status.ShouldBe(PairStatus.Held);
        held.Note.ShouldContain("crmCustomerId is empty");
        held.Note.ShouldContain(acme);
        var entry = (await cs.LogAsync(uuid, "held")).ShouldHaveSingleItem();
        entry.ErrorCode.ShouldBe("PAIRING_KEY_MISMATCH");
        entry.Error.ShouldBe(held.Note);
        cs.ClientSuccess.Store.GetClient(uuid)!.Name.ShouldBe("Acme", "nothing syncs while the pairing key is missing");
        (await cs.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "clientsuccess", NeedsAttention = true })).Pairs.ShouldHaveSingleItem().AppId.ShouldBe(uuid);

        cs.EditClient(uuid, ("crmCustomerId", acme));
        await cs.SyncAsync();

        cs.Client(acme).Name.ShouldBe("Acme Corp", "the change made while held reaches ClientSuccess once the ID is back");
        (await cs.PairOfClientAsync(uuid)).ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PairStatus.Linked), p => p.Note.ShouldBeEmpty());
        (await cs.LogAsync(uuid, "resumed")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task AccountIdChangedToAnotherAccounts_HoldsOnlyThatClient()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var (acme, initech) = await ImportAcmeAndInitechAsync(cs);
        var acmeClient = cs.Client(acme).Uuid;
        var initechClient = cs.Client(initech).Uuid;

        cs.EditClient(acmeClient, ("crmCustomerId", initech), ("name", "Acme (edited)"));
        await cs.User.UpdateAsync("Account", initech, new Dictionary<string, object?> { ["Name"] = "Initech Corp" });
        await cs.SyncAsync();

        var held = await cs.PairOfClientAsync(acmeClient);
        held.Status.ShouldBe(PairStatus.Held);
        held.Note.ShouldContain($"crmCustomerId is '{initech}'");
        (await cs.AccountAsync(acme))["Name"].ShouldBe("Acme", "the held client's edit does not reach either Account");
        (await cs.AccountAsync(initech))["Name"].ShouldBe("Initech Corp");
        cs.ClientSuccess.Store.GetClient(initechClient)!.Name.ShouldBe("Initech Corp", "the other pair syncs on");
        (await cs.PairOfClientAsync(initechClient)).Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public async Task AccountMergedInSalesforce_MarksThePairBroken()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var (acme, initech) = await ImportAcmeAndInitechAsync(cs);
        var acmeClient = cs.Client(acme).Uuid;

        using var http = new HttpClient();
        (await http.PostAsJsonAsync(new Uri(cs.Salesforce.BaseUrl, "/__admin/merge"), new { masterId = initech, mergedIds = new[] { acme } })).EnsureSuccessStatusCode();
        cs.AdvanceClocks(TimeSpan.FromMinutes(2));
        await cs.SyncAsync();

        var broken = await cs.PairOfClientAsync(acmeClient);
        broken.Status.ShouldBe(PairStatus.Broken);
        broken.Note.ShouldContain("deleted in Salesforce");
        (await cs.LogAsync(acmeClient, "broken")).ShouldHaveSingleItem();
        cs.ClientSuccess.Store.GetClient(acmeClient).ShouldNotBeNull("the client is left alone for the CSM to act on");
        (await cs.PairOfClientAsync(cs.Client(initech).Uuid)).Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public async Task PairingKeyOtherThanTheAccountId_PairsByItAndHoldsWhenItChangesInSalesforce()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct", ("AccountNumber", "A-100"));
        var globex = await cs.CreateAccountAsync("Globex", "Customer - Direct", ("AccountNumber", "G-200"));
        var existing = cs.CreateClientInClientSuccess("Globex (ClientSuccess)", ("crmCustomerId", "G-200"));
        var mapping = ClientSuccessFixture.ClientMapping();
        mapping.Match.SalesforceKeyField = "AccountNumber";
        await cs.ConnectAsync(mapping);

        await cs.SyncAsync();

        cs.Clients().Count.ShouldBe(2, "the existing client is paired by its account number, not duplicated");
        cs.Client("A-100").Name.ShouldBe("Acme");
        (await cs.PairOfClientAsync(existing)).SalesforceId.ShouldBe(globex);
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?> { ["AccountNumber"] = "A-101", ["Name"] = "Acme Corp" });

        await cs.SyncAsync();

        var uuid = cs.Client("A-100").Uuid;
        (await cs.PairOfClientAsync(uuid)).ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PairStatus.Held), p => p.Note.ShouldContain("AccountNumber 'A-101'"));
        cs.Client("A-100").Name.ShouldBe("Acme");
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?> { ["AccountNumber"] = "A-100" });

        await cs.SyncAsync();

        (await cs.PairOfClientAsync(uuid)).Status.ShouldBe(PairStatus.Linked);
        cs.Client("A-100").Name.ShouldBe("Acme Corp");
    }

    private static async Task<(string Acme, string Initech)> ImportAcmeAndInitechAsync(ClientSuccessFixture cs)
    {
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        var initech = await cs.CreateAccountAsync("Initech", "Customer - Direct");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());
        await cs.SyncAsync();
        return (acme, initech);
    }
}
