namespace Platform.Sync.Tests;

public sealed class PairingKeyTests
{
    private static readonly MatchRule ById = new() { SalesforceIdAppField = "crmId" };

    private static readonly MatchRule ByAccountNumber = new() { SalesforceIdAppField = "crmId", SalesforceKeyField = "AccountNumber" };

    [Fact]
    public void Plan_RecordCreatedFromSalesforce_CarriesTheSalesforceIdIntoTheApp()
    {
        var sim = new Simulation(match: ById).WithSalesforceRecord(("Name", "Acme"));

        sim.Sync();

        sim.App["crmId"].ShouldBe(sim.SalesforceId);
        sim.Sync().ShouldBeEmpty();
        sim.State.Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public void Plan_RecordCreatedFromTheApp_IsGivenItsSalesforceIdAfterwards()
    {
        var sim = new Simulation(match: ById).WithAppRecord(("name", "Acme"));

        sim.Sync();
        var writes = sim.Sync();

        writes.ShouldHaveSingleItem().Values.ShouldBe(new Dictionary<string, string?> { ["crmId"] = sim.SalesforceId });
        sim.State.Status.ShouldBe(PairStatus.Linked);
        sim.Sync().ShouldBeEmpty();
    }

    [Fact]
    public void Plan_AppPairingKeyRemoved_HoldsThePairWithTheCauseAndWritesNothing()
    {
        var sim = LinkedById();
        sim.EditApp("crmId", null);
        sim.EditApp("name", "Acme (app)");
        sim.EditSalesforce("Amount__c", "99");

        sim.Sync().ShouldBeEmpty();

        sim.State.Status.ShouldBe(PairStatus.Held);
        sim.State.Note.ShouldNotBeNull().ShouldContain("crmId is empty");
        sim.State.Note.ShouldContain(sim.SalesforceId!);
        sim.Salesforce["Name"].ShouldBe("Acme");
    }

    [Fact]
    public void Plan_AppPairingKeyRestored_ResumesAndCarriesOverWhatChangedMeanwhile()
    {
        var sim = LinkedById();
        sim.EditApp("crmId", "001000000000077AAA");
        sim.EditSalesforce("Amount__c", "99");
        sim.Sync();
        sim.State.Status.ShouldBe(PairStatus.Held);
        sim.State.Note.ShouldNotBeNull().ShouldContain("'001000000000077AAA'");

        sim.EditApp("crmId", sim.SalesforceId);
        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Linked);
        sim.State.Note.ShouldBeNull();
        sim.App["amount"].ShouldBe("99");
    }

    [Theory]
    [InlineData("001000000000001")]
    [InlineData("001000000000001aaa")]
    public void Plan_AppHoldsAnotherFormOfTheSameId_StaysLinked(string form)
    {
        var sim = LinkedById();
        sim.EditApp("crmId", form);

        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public void Plan_AppHoldsAnIdDifferingOnlyInCaseWithin15Characters_IsHeld()
    {
        var sim = LinkedById();
        sim.EditApp("crmId", "001000000000001aa");

        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Held);
    }

    [Fact]
    public void Plan_SalesforceKeyFieldChanged_HoldsUntilItMatchesAgain()
    {
        var sim = new Simulation(match: ByAccountNumber).WithSalesforceRecord(("Name", "Acme"), ("AccountNumber", "A-100"));
        sim.Sync();
        sim.App["crmId"].ShouldBe("A-100");

        sim.EditSalesforce("AccountNumber", "A-200");
        sim.EditSalesforce("Name", "Acme Two");
        sim.Sync().ShouldBeEmpty();
        sim.State.Status.ShouldBe(PairStatus.Held);
        sim.State.Note.ShouldNotBeNull().ShouldContain("AccountNumber 'A-200'");

        sim.EditSalesforce("AccountNumber", "a-100 ");
        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Linked);
        sim.App["name"].ShouldBe("Acme Two");
    }

    [Fact]
    public void Plan_SalesforceKeyFieldCleared_IsHeldNamingTheField()
    {
        var sim = new Simulation(match: ByAccountNumber).WithSalesforceRecord(("Name", "Acme"), ("AccountNumber", "A-100"));
        sim.Sync();

        sim.EditSalesforce("AccountNumber", null);
        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Held);
        sim.State.Note.ShouldNotBeNull().ShouldContain("has no AccountNumber");
    }

    [Fact]
    public void MatchKey_SalesforceKeyField_PairsRecordsByTheKeyValue()
    {
        var rules = new Simulation(match: ByAccountNumber).Rules;

        var app = rules.MatchKey(Side.App, new Dictionary<string, string?> { ["crmId"] = " a-100" });
        var salesforce = rules.MatchKey(Side.Salesforce, new Dictionary<string, string?> { ["AccountNumber"] = "A-100" });

        app.ShouldNotBeNull().ShouldBe(salesforce);
        rules.SalesforceFields.ShouldContain("AccountNumber");
    }

    [Fact]
    public void Plan_HeldPairDeletedInSalesforce_FollowsTheDeletePolicy()
    {
        var sim = LinkedById(DeletePolicy.Ignore);
        sim.EditApp("crmId", null);
        sim.Sync();

        sim.DeleteSalesforce();
        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Broken);
    }

    private static Simulation LinkedById(DeletePolicy deletes = DeletePolicy.Delete)
    {
        var sim = new Simulation(deletes: deletes, match: ById).WithSalesforceRecord(("Name", "Acme"), ("Amount__c", "10"));
        sim.Sync();
        sim.State.Status.ShouldBe(PairStatus.Linked);
        return sim;
    }
}
