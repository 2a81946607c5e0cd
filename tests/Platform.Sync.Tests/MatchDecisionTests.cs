using Platform.Sdk;

namespace Platform.Sync.Tests;

public sealed class MatchDecisionTests
{
    private static readonly MatchRule ByName = new() { KeyFields = [new MatchKeyField("name", "Name")] };

    [Fact]
    public void Plan_RecordsMatchedWithDefaultRules_AreLinkedAndSynced()
    {
        var sim = new Simulation(match: ByName).WithAppRecord(("name", "Acme"), ("code", "A-1")).WithSalesforceRecord(("Name", "Acme"));

        sim.Sync();

        sim.State.Status.ShouldBe(PairStatus.Linked);
        sim.Salesforce["Code__c"].ShouldBe("A-1");
    }

    [Fact]
    public void Plan_ConnectorSkipsTheMatch_ExcludesThePairWithTheReasonAndWritesNothing()
    {
        var rules = new Deciding(_ => MatchDecision.Skip("already a customer"));
        var sim = new Simulation(match: ByName, connector: rules).WithAppRecord(("name", "Acme"), ("code", "A-1")).WithSalesforceRecord(("Name", "Acme"));

        sim.Sync().ShouldBeEmpty();
        sim.EditApp("code", "A-2");
        sim.Sync().ShouldBeEmpty();

        sim.State.Status.ShouldBe(PairStatus.Excluded);
        sim.State.Note.ShouldBe("already a customer");
        sim.Salesforce.ShouldNotContainKey("Code__c");
        rules.Calls.ShouldBe(1);
    }

    [Fact]
    public void Plan_ConnectorRejectsTheMatch_WritesItsValuesToTheAppOnlyAndExcludesThePair()
    {
        var rules = new Deciding(_ => MatchDecision.Reject("duplicate", new Dictionary<string, object?> { ["status"] = "denied" }));
        var sim = new Simulation(match: ByName, connector: rules).WithAppRecord(("name", "Acme"), ("code", "A-1")).WithSalesforceRecord(("Name", "Acme"));

        var writes = sim.Sync();

        writes.ShouldHaveSingleItem().Target.ShouldBe(Side.App);
        writes[0].Values.ShouldBe(new Dictionary<string, string?> { ["status"] = "denied" });
        sim.App["status"].ShouldBe("denied");
        sim.Salesforce.ShouldNotContainKey("Code__c");
        sim.State.Status.ShouldBe(PairStatus.Excluded);
        sim.Sync().ShouldBeEmpty();
    }

    [Fact]
    public void Plan_Match_GivesTheConnectorBothRecordsTheSalesforceCreationTimeAndNow()
    {
        MatchedRecords? seen = null;
        var sim = new Simulation(match: ByName, connector: new Deciding(m => { seen = m; return MatchDecision.Link; }))
            .WithAppRecord(("name", "Acme"));
        sim.SalesforceCreatedAt = DateTimeOffset.UnixEpoch.AddDays(-3);
        sim.WithSalesforceRecord(("Name", "Acme"));

        sim.Sync();

        seen.ShouldNotBeNull();
        seen.AppValues["name"].ShouldBe("Acme");
        seen.SalesforceValues["Name"].ShouldBe("Acme");
        seen.SalesforceCreatedAt.ShouldBe(DateTimeOffset.UnixEpoch.AddDays(-3));
        seen.Now.ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Plan_RecordThePlatformCreated_IsNotAMatch()
    {
        var rules = new Deciding(_ => MatchDecision.Skip("should not be asked"));
        var sim = new Simulation(match: ByName, connector: rules).WithAppRecord(("name", "Acme"));

        sim.Sync();
        sim.Sync();

        rules.Calls.ShouldBe(0);
        sim.State.Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public void Plan_SalesforceRecordHoldingTheAppIdInItsExternalIdField_IsTheSameRecordNotAMatch()
    {
        var rules = new Deciding(_ => MatchDecision.Skip("should not be asked"));
        var sim = new Simulation(match: new MatchRule { ExternalIdField = "Code__c" }, connector: rules)
            .WithAppRecord(("name", "Acme")).WithSalesforceRecord(("Name", "Acme"), ("Code__c", "a1"));

        sim.Sync();

        rules.Calls.ShouldBe(0);
        sim.State.Status.ShouldBe(PairStatus.Linked);
    }

    private sealed class Deciding(Func<MatchedRecords, MatchDecision> decide) : ConnectorRules
    {
        public int Calls { get; private set; }

        public override MatchDecision DecideMatch(string entity, MatchedRecords match)
        {
            Calls++;
            return decide(match);
        }
    }
}
