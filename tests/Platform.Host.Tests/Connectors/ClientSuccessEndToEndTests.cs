using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

public sealed class ClientSuccessEndToEndTests
{
    [Fact]
    public async Task Import_AccountsMatchingTheFilter_BecomeClientsPairedByAccountIdAndNewOnesFollow()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.CreateAccountAsync("Globex", "Prospect");
        var initech = await cs.CreateAccountAsync("Initech", "Customer - Channel");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());

        await cs.SyncAsync();

        cs.Clients().Select(c => (c.Name, c.CrmCustomerId)).ShouldBe([("Acme", acme), ("Initech", initech)], ignoreOrder: true, "only customer Accounts are imported, each keeping its Account ID");
        cs.Client(acme).AssignedSalesRep.ShouldBe("Emulator Admin", "the Account Owner's name");
        cs.Client(acme).Status.ShouldBe("Active");
        var hooli = await cs.CreateAccountAsync("Hooli", "Customer - Direct");
        cs.CreateClientInClientSuccess("Made in ClientSuccess");

        var next = await cs.SyncAsync();

        cs.Client(hooli).Name.ShouldBe("Hooli", "a new customer Account is imported as it appears");
        next.WritesToSalesforce.ShouldBe(0, "a client made in ClientSuccess never creates an Account");
        (await cs.User.CountAsync(new Platform.Salesforce.Soql("SELECT COUNT() FROM Account"))).ShouldBe(4);
        (await cs.SyncAsync()).ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0));
    }

    [Fact]
    public async Task Cycle_ClientSuccessRefusesTheApiKey_PausesUntilTheOperatorSavesTheRightKey()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.Integrations.CreateIntegrationAsync(cs.IntegrationRequest("a-mistyped-key", ClientSuccessFixture.ClientMapping()));

        var refused = await cs.SyncAsync();

        refused.Skipped.ShouldStartWith("The app refused the connector's credentials");
        refused.Skipped.ShouldNotContain("a-mistyped-key");
        (await cs.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "clientsuccess" })).Status.Paused.ShouldBeTrue();
        cs.Clients().ShouldBeEmpty();
        (await cs.SyncAsync()).Skipped.ShouldBe(refused.Skipped, "still paused: nothing changed");
        var test = await cs.Integrations.TestIntegrationAsync(new IntegrationRef { Id = "clientsuccess" });
        (test.Succeeded, test.Resumed).ShouldBe((false, false));
        test.Problems.ShouldHaveSingleItem().ShouldContain("401");

        await cs.Integrations.UpdateIntegrationAsync(cs.IntegrationRequest(cs.ClientSuccess.ApiKey, ClientSuccessFixture.ClientMapping()));
        var resumed = await cs.SyncAsync();

        resumed.Skipped.ShouldBeEmpty("saving new settings probes the app at once");
        cs.Client(acme).Name.ShouldBe("Acme");
        (await cs.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "clientsuccess" })).Status.Paused.ShouldBeFalse();
    }

    [Fact]
    public async Task Import_MoreClientsThanAnApiPage_PollsEveryPageAndEchoesNothing()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        await cs.User.CreateManyAsync("Account", [.. Enumerable.Range(0, 450).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["Name"] = $"Customer {i:000}", ["Type"] = "Customer - Direct" })]);
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());

        (await cs.SyncAsync()).WritesToApp.ShouldBe(450);
        var settle = await cs.SyncAsync();

        cs.Clients().Count.ShouldBe(450);
        settle.ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0, "the clients the platform made, read back over three API pages, are not echoed"));
        (await cs.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "clientsuccess", NeedsAttention = true })).Pairs.ShouldBeEmpty();
    }

    [Fact]
    public async Task StandardFields_BothSidesChanged_KeepTheirFixedDirections()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());
        await cs.SyncAsync();
        var client = cs.Client(acme);

        var dana = cs.Salesforce.Org.AddUser(new() { Username = "dana@example.com", Password = "pw", FirstName = "Dana", LastName = "Sales" });

        cs.EditClient(client.Uuid, ("assignedCsmId", 1001L), ("assignedSalesRep", "Changed In ClientSuccess"));
        cs.ClientSuccess.Store.SetSuccessScore(client.Uuid, 87);
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?>
        {
            [ClientSuccessFixture.AssignedCsmField] = "Changed In Salesforce",
            [ClientSuccessFixture.SuccessScoreField] = 5d,
            ["OwnerId"] = dana.UserId,
        });
        await cs.SyncAsync();

        var account = await cs.AccountAsync(acme);
        account[ClientSuccessFixture.AssignedCsmField].ShouldBe("Casey Morgan", "Assigned CSM flows from ClientSuccess to Salesforce only");
        account[ClientSuccessFixture.SuccessScoreField].ShouldBe(87d, "SuccessScore flows from ClientSuccess to Salesforce only");
        cs.Client(acme).AssignedSalesRep.ShouldBe("Dana Sales", "Assigned Sales Rep flows from the Account Owner only");
        (await cs.SyncAsync()).ShouldSatisfyAllConditions(r => r.WritesToApp.ShouldBe(0), r => r.WritesToSalesforce.ShouldBe(0));
    }

    [Fact]
    public async Task ViewingAClient_TouchesIt_AndItsDetailsReachSalesforceAtOnce()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());
        await cs.SyncAsync();
        var client = cs.Client(acme);
        cs.EditClient(client.Uuid, ("name", "Acme Corporation"), ("assignedCsmId", 1002L));

        var touch = await cs.Pairs.TouchPairAsync(new TouchPairRequest { IntegrationId = "clientsuccess", Mapping = "clients", AppId = client.Uuid });

        touch.WritesToSalesforce.ShouldBe(1, "the viewed client's details, in one write, without waiting for the schedule");
        var account = await cs.AccountAsync(acme);
        account["Name"].ShouldBe("Acme Corporation");
        account[ClientSuccessFixture.AssignedCsmField].ShouldBe("Riley Chen");
    }

    [Fact]
    public async Task ClientSuccessOutage_DuringAWrite_IsLoggedWithTheCauseAndTheWriteIsSentAgain()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var acme = await cs.CreateAccountAsync("Acme", "Customer - Direct");
        await cs.ConnectAsync(ClientSuccessFixture.ClientMapping());
        await cs.SyncAsync();
        await cs.User.UpdateAsync("Account", acme, new Dictionary<string, object?> { ["Name"] = "Acme Renamed" });
        cs.ClientSuccess.FailNext(1);

        var report = await cs.SyncAsync();

        report.Failures.ShouldBe(1);
        var failed = (await cs.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "clientsuccess", State = "failed" })).Entries.ShouldHaveSingleItem();
        failed.Error.ShouldContain("ClientSuccess answered 503");
        cs.Client(acme).Name.ShouldBe("Acme Renamed", "a transient failure is retried: reading the client back in the same cycle planned the write again");
        (await cs.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "clientsuccess", NeedsAttention = true })).Pairs.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Phone", "phone")]
    [InlineData("BillingAddress", "address")]
    [InlineData("ParentId", "lookup relationship")]
    [InlineData("Segments__c", "multi-select picklist")]
    [InlineData("Tax_Number__c", "encrypted text")]
    public async Task OptionalField_OfAnExcludedType_IsRejectedNamingTheFieldAndItsType(string field, string kind)
    {
        await using var cs = await ClientSuccessFixture.StartAsync();

        var error = await Should.ThrowAsync<RpcException>(() => cs.ConnectAsync(ClientSuccessFixture.ClientMapping(new FieldMappingConfig { AppField = "note", SalesforceField = field })));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain($"Account.{field} cannot be mapped");
        error.Status.Detail.ShouldContain(kind);
    }

    [Fact]
    public async Task StandardField_DirectionChangedByTheOperator_IsRejected()
    {
        await using var cs = await ClientSuccessFixture.StartAsync();
        var mapping = ClientSuccessFixture.ClientMapping();
        mapping.Fields.Single(f => f.AppField == "assignedCsm").Direction = SyncDirection.Both;

        var error = await Should.ThrowAsync<RpcException>(() => cs.ConnectAsync(mapping));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("assignedCsm ↔ ClientSuccess__ClientSuccess_Assigned_CSM__c");
        error.Status.Detail.ShouldContain("fields[1].direction");
    }
}
