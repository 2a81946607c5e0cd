using Platform.Sdk;

namespace Platform.Sync.Tests;

public sealed class UpdateDecisionTests
{
    [Fact]
    public void Plan_ConnectorHoldsAnAppUpdate_WritesNothingNotesWhyAndWritesItOnceReleased()
    {
        var rules = new HoldingCode();
        var sim = new Simulation(connector: rules).WithAppRecord(("name", "Acme"), ("code", "A-1"));
        sim.Sync();

        sim.EditApp("code", "BLOCKED");
        sim.EditApp("name", "Acme Corp");
        var held = sim.Sync();
        var heldNote = sim.State.Note;
        var heldChanges = rules.Changed.ToArray();
        sim.EditApp("code", "A-2");
        var released = sim.Sync();

        held.ShouldBeEmpty();
        heldNote.ShouldBe("Update held: code BLOCKED is not allowed");
        heldChanges.ShouldBe(["code", "name"]);
        released.ShouldHaveSingleItem().Target.ShouldBe(Side.Salesforce);
        sim.Salesforce["Name"].ShouldBe("Acme Corp");
        sim.Salesforce["Code__c"].ShouldBe("A-2");
        sim.State.Note.ShouldBeNull();
    }

    [Fact]
    public void Plan_ConnectorHoldsAppUpdates_SalesforceChangesStillReachTheApp()
    {
        var sim = new Simulation(connector: new HoldingCode()).WithAppRecord(("name", "Acme"), ("code", "A-1"));
        sim.Sync();

        sim.EditApp("code", "BLOCKED");
        sim.EditSalesforce("Owner__c", "Pat");
        var writes = sim.Sync();

        writes.ShouldHaveSingleItem().Target.ShouldBe(Side.App);
        sim.App["owner"].ShouldBe("Pat");
        sim.Salesforce["Code__c"].ShouldBe("A-1");
    }

    private sealed class HoldingCode : ConnectorRules
    {
        public List<string> Changed { get; } = [];

        public override WriteDecision DecideUpdate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values, IReadOnlyCollection<string> changedFields)
        {
            if (source != SyncSource.App)
            {
                return WriteDecision.Proceed;
            }

            Changed.Clear();
            Changed.AddRange(changedFields.Order(StringComparer.Ordinal));
            return values.GetValueOrDefault("code") is "BLOCKED" ? WriteDecision.Skip("code BLOCKED is not allowed") : WriteDecision.Proceed;
        }
    }
}
