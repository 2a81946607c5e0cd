using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>The rule for a new referral whose e-mail already belongs to a Lead: update it, skip, or deny the referral.</summary>
public sealed class ReferralRockExistingEmailTests
{
    [Fact]
    public async Task UpdateExisting_LinksTheReferralToTheLeadAndUpdatesIt()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var lead = await rr.CreateLeadAsync("Prospect", "DANA@prospect.example");
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync("UpdateExisting");

        await rr.SyncAsync();

        var only = (await rr.RecordsAsync("Lead", "Company", "Referral_ID__c", "FirstName")).ShouldHaveSingleItem();
        only.Id.ShouldBe(lead);
        only["Company"].ShouldBe("Prospect Ltd");
        only["Referral_ID__c"].ShouldBe(referral.Id);
        only["FirstName"].ShouldBe("Dana");
        (await rr.PairOfReferralAsync(referral.Id)).ShouldSatisfyAllConditions(p => p.Status.ShouldBe(PairStatus.Linked), p => p.SalesforceId.ShouldBe(lead));
    }

    [Fact]
    public async Task Skip_LeavesTheLeadAndTheReferralAlone_WithTheReasonOnThePairAndInTheLog()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var lead = await rr.CreateLeadAsync("Prospect", "dana@prospect.example");
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync("Skip");

        await rr.SyncAsync();
        rr.Store.UpdateReferral(new() { ["primaryInfo"] = new System.Text.Json.Nodes.JsonObject { ["referralId"] = referral.Id } }, new() { ["companyName"] = "Prospect Group" });
        await rr.SyncAsync();

        var only = (await rr.RecordsAsync("Lead", "Company", "Referral_ID__c")).ShouldHaveSingleItem();
        only.Id.ShouldBe(lead);
        only["Company"].ShouldBe("Existing Co");
        only["Referral_ID__c"].ShouldBeNull();
        rr.Referral(referral.Id).Status.ShouldBe("pending");
        var pair = await rr.PairOfReferralAsync(referral.Id);
        pair.Status.ShouldBe(PairStatus.Excluded);
        pair.Note.ShouldContain("rule: skip");
        (await rr.LogAsync(referral.Id, "excluded")).ShouldHaveSingleItem().Message.ShouldContain("dana@prospect.example");
    }

    [Fact]
    public async Task SetDenied_LeadOlderThanAnHour_DeniesTheReferralAndLeavesTheLeadAlone()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var lead = await rr.CreateLeadAsync("Prospect", "dana@prospect.example");
        rr.AdvanceClocks(TimeSpan.FromMinutes(61));
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync("SetDenied");

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("denied");
        var only = (await rr.RecordsAsync("Lead", "Company", "Referral_ID__c")).ShouldHaveSingleItem();
        only.Id.ShouldBe(lead);
        only["Company"].ShouldBe("Existing Co");
        only["Referral_ID__c"].ShouldBeNull();
        var pair = await rr.PairOfReferralAsync(referral.Id);
        pair.Status.ShouldBe(PairStatus.Excluded);
        pair.Note.ShouldContain("set to denied");
        (await rr.LogAsync(referral.Id, "succeeded")).ShouldContain(e => e.Operation == "update" && e.Payload.Contains("denied"));

        await rr.SyncAsync();
        rr.Referral(referral.Id).Status.ShouldBe("denied", "the denial is written once and the pair stays out of sync");
    }

    [Fact]
    public async Task SetDenied_LeadAddedWithinTheLast60Minutes_IsNotDeniedButLinked()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var lead = await rr.CreateLeadAsync("Prospect", "dana@prospect.example");
        rr.AdvanceClocks(TimeSpan.FromMinutes(59));
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync("SetDenied");

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("pending");
        var only = (await rr.RecordsAsync("Lead", "Referral_ID__c")).ShouldHaveSingleItem();
        only.Id.ShouldBe(lead);
        only["Referral_ID__c"].ShouldBe(referral.Id);
        (await rr.PairOfReferralAsync(referral.Id)).Status.ShouldBe(PairStatus.Linked);
    }

    [Fact]
    public async Task SetDenied_NoLeadWithTheEmail_AddsTheReferralAsALead()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.CreateLeadAsync("Someone", "someone@else.example");
        rr.AdvanceClocks(TimeSpan.FromHours(2));
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync("SetDenied");

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("pending");
        (await rr.RecordsAsync("Lead", "Referral_ID__c")).Count(l => (string?)l["Referral_ID__c"] == referral.Id).ShouldBe(1);
    }
}
