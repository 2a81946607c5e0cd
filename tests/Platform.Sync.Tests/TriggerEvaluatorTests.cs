using CsCheck;

namespace Platform.Sync.Tests;

/// <summary>Which triggers a record read from Salesforce fires, given what it fired before (its mark).</summary>
public sealed class TriggerEvaluatorTests
{
    private static readonly ReceiverConfig Config = new()
    {
        Triggers =
        [
            new() { Object = "Opportunity", Field = "StageName", Value = "Closed Won", Action = "approved" },
            new() { Object = "Opportunity", Field = "StageName", Value = "*", Action = "pending" },
            new() { Object = "Lead", Field = "Status", Value = "Working", Action = "qualified" },
        ],
        Fields =
        [
            new() { Name = "amount", Object = "Opportunity", SalesforceField = "Amount" },
            new() { Name = "companyName", Object = "Account", SalesforceField = "Name" },
        ],
    };

    private static readonly Gen<Dictionary<string, string?>> Records =
        Gen.Select(Gen.OneOf<string?>("Prospecting", "Closed Won", "CLOSED WON", null), Gen.OneOf<string?>("100", "250", null), (stage, amount) =>
            new Dictionary<string, string?> { ["StageName"] = stage, ["Amount"] = amount });

    [Fact]
    public void FeedFields_AreTheObjectsTriggerFieldsAndTheFieldsItHolds()
    {
        TriggerEvaluator.FeedFields(Config, "Opportunity").ShouldBe(["Amount", "StageName"]);
        TriggerEvaluator.FeedFields(Config, "Lead").ShouldBe(["Status"]);
    }

    [Fact]
    public void Evaluate_WithoutAMark_FiresEveryTriggerTheRecordHolds() =>
        Records.Sample(values =>
        {
            var fired = TriggerEvaluator.Evaluate(Config, "Opportunity", values, previousMark: null).Fired.Select(t => t.Action).ToArray();
            var stage = values["StageName"];
            return fired.SequenceEqual(new[] { ("approved", string.Equals(stage, "Closed Won", StringComparison.OrdinalIgnoreCase)), ("pending", stage is not null) }.Where(x => x.Item2).Select(x => x.Item1));
        });

    [Fact]
    public void Evaluate_TheSameRecordAgain_FiresNothingAndKeepsItsMark() =>
        Records.Sample(values =>
        {
            var first = TriggerEvaluator.Evaluate(Config, "Opportunity", values, previousMark: null);
            var again = TriggerEvaluator.Evaluate(Config, "Opportunity", values, first.Mark);
            return again.Fired.Count == 0 && again.Mark == first.Mark;
        });

    [Fact]
    public void Evaluate_AfterAChangeOfAFeedField_FiresEveryTriggerHeldNow_AndAfterNoChangeNothing() =>
        Gen.Select(Records, Records).Sample((before, after) =>
        {
            var mark = TriggerEvaluator.Evaluate(Config, "Opportunity", before, previousMark: null).Mark;
            var now = TriggerEvaluator.Evaluate(Config, "Opportunity", after, mark);
            var held = TriggerEvaluator.Evaluate(Config, "Opportunity", after, previousMark: null).Fired;
            var unchanged = before["StageName"] == after["StageName"] && before["Amount"] == after["Amount"];
            return now.Fired.SequenceEqual(unchanged ? [] : held) && (now.Mark is null) == (held.Count == 0);
        });

    [Fact]
    public void Evaluate_AValueOutsideTheFeed_DoesNotMatter()
    {
        var values = new Dictionary<string, string?> { ["StageName"] = "Closed Won", ["Amount"] = "100" };
        var mark = TriggerEvaluator.Evaluate(Config, "Opportunity", values, previousMark: null).Mark;

        TriggerEvaluator.Evaluate(Config, "Opportunity", new Dictionary<string, string?>(values) { ["Description"] = "edited" }, mark).Fired.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluate_LeavingAndReachingTheValueAgain_FiresAgain()
    {
        var won = new Dictionary<string, string?> { ["StageName"] = "Closed Won", ["Amount"] = "100" };
        var mark = TriggerEvaluator.Evaluate(Config, "Opportunity", won, previousMark: null).Mark;
        var left = TriggerEvaluator.Evaluate(Config, "Opportunity", new Dictionary<string, string?>(won) { ["StageName"] = "Prospecting" }, mark);

        left.Fired.Select(t => t.Action).ShouldBe(["pending"]);
        TriggerEvaluator.Evaluate(Config, "Opportunity", won, left.Mark).Fired.Select(t => t.Action).ShouldContain("approved");
    }

    [Fact]
    public void Evaluate_AnotherObjectsTriggers_NeverFire() =>
        TriggerEvaluator.Evaluate(Config, "Lead", new Dictionary<string, string?> { ["StageName"] = "Closed Won" }, previousMark: null)
            .ShouldSatisfyAllConditions(e => e.Fired.ShouldBeEmpty(), e => e.Mark.ShouldBeNull());
}
