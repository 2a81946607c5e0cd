using CsCheck;

namespace Platform.Sync.Tests;

/// <summary>Random interleavings of edits on both sides and sync cycles, checked against the rules that must always hold.</summary>
public sealed class MergePropertyTests
{
    private static readonly (string App, string Salesforce, string[] AppValues)[] Fields =
    [
        ("name", "Name", ["Acme", "Globex", "Initech"]),
        ("status", "Status__c", ["active", "churned", "trial"]),
        ("amount", "Amount__c", ["10", "12.5", "99"]),
        ("owner", "Owner__c", ["ann", "bob"]),
        ("code", "Code__c", ["X1", "X2"]),
        ("since", "Since__c", ["2025-01-01", "2026-02-03"]),
    ];

    private sealed record Step(int Kind, int Field, int Value, bool Clear);

    private static readonly Gen<Step> Steps =
        from kind in Gen.Int[0, 2]
        from field in Gen.Int[0, Fields.Length - 1]
        from value in Gen.Int[0, 2]
        from clear in Gen.Int[0, 9].Select(i => i == 0)
        select new Step(kind, field, value, clear);

    private static readonly Gen<ConflictPolicyKind> Policies = Gen.OneOf(ConflictPolicyKind.AppIsMaster, ConflictPolicyKind.SalesforceIsMaster, ConflictPolicyKind.LastWriterWins);

    [Fact]
    public void RandomEdits_AfterOneQuietCycle_BothWayFieldsAgreeAndNothingIsEchoed()
    {
        Gen.Select(Steps.Array[0, 40], Policies).Sample((steps, policy) =>
        {
            var sim = new Simulation(policy).WithAppRecord(("name", "Acme"), ("status", "active"), ("amount", "10"), ("code", "X1"), ("since", "2025-01-01"));
            var edited = new HashSet<(string, Side)>();
            var editedSinceSync = true;
            foreach (var step in steps)
            {
                var (app, salesforce, values) = Fields[step.Field];
                var value = step.Clear ? null : values[step.Value % values.Length];
                switch (step.Kind)
                {
                    case 0 when sim.App.GetValueOrDefault(app) != value:
                        sim.EditApp(app, value);
                        edited.Add((app, Side.App));
                        editedSinceSync = true;
                        break;
                    case 1 when sim.SalesforceId is not null && sim.Salesforce.GetValueOrDefault(salesforce) != Translate(sim, app, value):
                        sim.EditSalesforce(salesforce, Translate(sim, app, value));
                        edited.Add((app, Side.Salesforce));
                        editedSinceSync = true;
                        break;
                    case 2:
                        var writes = sim.Sync();
                        if (!editedSinceSync)
                        {
                            writes.ShouldBeEmpty("a cycle with no edits since the previous one wrote something: an echo");
                        }

                        editedSinceSync = false;
                        break;
                }
            }

            sim.Sync();
            sim.Sync().ShouldBeEmpty("a quiet cycle after a sync must write nothing");
            foreach (var rule in sim.Rules.Fields.Where(f => !f.FirstSyncOnly))
            {
                var appValue = sim.App.GetValueOrDefault(rule.AppField);
                var salesforceValue = sim.Salesforce.GetValueOrDefault(rule.SalesforceField);
                var agree = rule.AppToSalesforce(appValue) == salesforceValue;
                var mayDiffer = rule.Direction switch
                {
                    // A one-way field's target may hold its own edits until the source changes again.
                    Direction.ToSalesforce => edited.Contains((rule.AppField, Side.Salesforce)) || appValue is null,
                    Direction.ToApp => edited.Contains((rule.AppField, Side.App)),
                    _ => false,
                };
                (agree || mayDiffer).ShouldBeTrue($"{rule.AppField}: app '{appValue}' vs Salesforce '{salesforceValue}' ({rule.Direction}, policy {policy})");
            }
        }, iter: 2000);
    }

    private static string? Translate(Simulation sim, string appField, string? value) =>
        sim.Rules.Fields.Single(f => f.AppField == appField).AppToSalesforce(value);

    [Fact]
    public void RandomEdits_ValuesFlowOnlyInTheirFieldsDirection()
    {
        Steps.Array[0, 40].Sample(steps =>
        {
            var sim = new Simulation().WithAppRecord(("name", "Acme"), ("code", "X1"));
            sim.Sync();
            foreach (var step in steps)
            {
                var (app, salesforce, values) = Fields[step.Field];
                var value = step.Clear ? null : values[step.Value % values.Length];
                if (step.Kind == 0)
                {
                    sim.EditApp(app, value);
                }
                else if (step.Kind == 1)
                {
                    sim.EditSalesforce(salesforce, value);
                }
                else
                {
                    sim.Sync();
                }
            }

            sim.Sync();
            foreach (var entry in sim.Sent.Where(e => e.Kind == WriteKind.Update))
            {
                var fields = entry.Values.Keys.Select(k => sim.Rules.Fields.Single(f => (entry.Target == Side.App ? f.AppField : f.SalesforceField) == k));
                foreach (var rule in fields)
                {
                    (entry.Target == Side.App ? rule.FlowsToApp : rule.FlowsToSalesforce).ShouldBeTrue($"{rule.AppField} written to {entry.Target} against its direction {rule.Direction}");
                    rule.FirstSyncOnly.ShouldBeFalse($"{rule.AppField} is first-sync-only but was updated");
                }
            }
        }, iter: 1000);
    }

    [Fact]
    public void ConflictingEdits_ArePickedByThePolicyAndRecorded()
    {
        Gen.Select(Policies, Gen.Bool).Sample((policy, salesforceLast) =>
        {
            var sim = new Simulation(policy).WithAppRecord(("name", "Acme"));
            sim.Sync();
            if (salesforceLast)
            {
                sim.EditApp("name", "From app");
                sim.EditSalesforce("Name", "From Salesforce");
            }
            else
            {
                sim.EditSalesforce("Name", "From Salesforce");
                sim.EditApp("name", "From app");
            }

            sim.Sync();
            var appWins = policy == ConflictPolicyKind.AppIsMaster || (policy == ConflictPolicyKind.LastWriterWins && !salesforceLast);
            var expected = appWins ? "From app" : "From Salesforce";
            sim.App["name"].ShouldBe(expected);
            sim.Salesforce["Name"].ShouldBe(expected);
            var conflict = sim.State.Conflicts.ShouldHaveSingleItem();
            conflict.Winner.ShouldBe(appWins ? Side.App : Side.Salesforce);
            conflict.AppValue.ShouldBe("From app");
            conflict.SalesforceValue.ShouldBe("From Salesforce");
        });
    }

    [Fact]
    public void RepeatedObservations_OfTheSameRecord_ChangeNothing()
    {
        Steps.Array[1, 20].Sample(steps =>
        {
            var sim = new Simulation().WithAppRecord(("name", "Acme"), ("status", "active"));
            sim.Sync();
            foreach (var step in steps.Where(s => s.Kind == 0))
            {
                var (app, _, values) = Fields[step.Field];
                sim.EditApp(app, values[step.Value % values.Length]);
            }

            sim.Sync();
            var before = sim.Writes;
            for (var i = 0; i < 3; i++)
            {
                sim.Sync();
            }

            sim.Writes.ShouldBe(before);
        }, iter: 500);
    }
}
