using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// The sales-entry log: every entry is kept with its outcome; failed ones are corrected and retried, reviewed ones
/// approved, through the control API; the receiver's configuration is checked at save.
/// </summary>
public sealed class ReferralRockEntryLogTests
{
    private static Receiver CodeReceiver() => ReferralRockFixture.Receiver(
        [("Lead", "Status", "Working - Contacted", "pending")],
        ("memberReferralCode", "Lead.Referring_Member_Code__c"));

    [Fact]
    public async Task UnknownReferralCode_FailsAndIsSaved_ThenCorrectedAndRetried_AddsTheReferral()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.ConnectReceiverAsync(CodeReceiver());
        var lead = await rr.User.CreateAsync("Lead", new Dictionary<string, object?>
        {
            ["FirstName"] = "Nia", ["LastName"] = "New", ["Email"] = "nia@new.example", ["Company"] = "New Co",
            ["Status"] = "Working - Contacted", ["Referring_Member_Code__c"] = "NOPE-1",
        });

        await rr.SyncAsync();

        var failed = (await rr.EntriesAsync(EntryStatus.Failed)).ShouldHaveSingleItem();
        failed.TriggerId.ShouldBe(lead);
        failed.Message.ShouldContain("referralCode 'NOPE-1'");
        rr.Store.Referrals(null, null, null, null, 0, 10).Total.ShouldBe(0);
        (await rr.LogAsync(lead, "failed")).ShouldHaveSingleItem().Error.ShouldContain("NOPE-1");

        var retried = await rr.Entries.RetryEntryAsync(new RetryEntryRequest
        {
            IntegrationId = ReferralRockFixture.IntegrationId,
            Id = failed.Id,
            Values = { new EntryValue { Field = "memberReferralCode", Value = rr.Member.ReferralCode } },
        });

        retried.ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(EntryStatus.Processed),
            e => e.Edited.ShouldBeTrue(),
            e => e.Attempts.ShouldBe(2),
            e => e.Values.ShouldContain(v => v.Field == "memberReferralCode" && v.Value == rr.Member.ReferralCode));
        rr.Referral(retried.AppRecordIds.ShouldHaveSingleItem()).ShouldSatisfyAllConditions(
            r => r.ReferringMemberId.ShouldBe(rr.Member.Id),
            r => r.Email.ShouldBe("nia@new.example"));
    }

    [Fact]
    public async Task NoMemberMatch_WithTheReviewRule_IsSetToReviewAndAnnouncedOnTheEventStream()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.ConnectReceiverAsync(CodeReceiver(), ("reviewNoMemberMatch", "true"));
        using var watch = rr.Integrations.WatchEvents(new WatchEventsRequest { IntegrationId = ReferralRockFixture.IntegrationId }, cancellationToken: TestContext.Current.CancellationToken);
        await rr.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "New", ["Email"] = "nia@new.example", ["Company"] = "N", ["Status"] = "Working - Contacted" });

        await rr.SyncAsync();

        var entry = (await rr.EntriesAsync(EntryStatus.Review)).ShouldHaveSingleItem();
        entry.Message.ShouldContain("names no member");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        SyncEvent? review = null;
        while (review is null && await watch.ResponseStream.MoveNext(timeout.Token))
        {
            review = watch.ResponseStream.Current.Kind == "review" ? watch.ResponseStream.Current : null;
        }

        review.ShouldNotBeNull().EntryId.ShouldBe(entry.Id);
    }

    [Fact]
    public async Task DeniedToApproved_WithTheReviewRule_WaitsForReview_ThenApprovingItApprovesTheReferral()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", values: ("status", "denied"));
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves(), ("reviewDeniedUpgrade", "true"));
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        var review = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        review.Status.ShouldBe(EntryStatus.Review);
        review.Message.ShouldContain("is denied");
        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("denied"), r => r.Amount.ShouldBe(0m));

        var approved = await rr.Entries.RetryEntryAsync(new RetryEntryRequest { IntegrationId = ReferralRockFixture.IntegrationId, Id = review.Id, Approve = true });

        approved.ShouldSatisfyAllConditions(e => e.Status.ShouldBe(EntryStatus.Processed), e => e.Approved.ShouldBeTrue());
        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("approved"), r => r.Amount.ShouldBe(5000m));
    }

    [Fact]
    public async Task DirectMatch_WithAutomaticProcessingOff_WaitsForReview()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves(), ("autoProcessDirectMatches", "false"));
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        (await rr.EntriesAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            e => e.Status.ShouldBe(EntryStatus.Review),
            e => e.AppRecordIds.ShouldBe([referral.Id]));
        rr.Referral(referral.Id).Status.ShouldBe("pending");
    }

    [Fact]
    public async Task FuzzyMatch_WithAutomaticProcessingOff_WaitsForReview()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Lead", "Status", "Working - Contacted", "qualified")]), ("autoProcessFuzzyMatches", "false"));
        await rr.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Email"] = "dana@prospect.example", ["Company"] = "P", ["Status"] = "Working - Contacted" });

        await rr.SyncAsync();

        (await rr.EntriesAsync()).ShouldHaveSingleItem().Status.ShouldBe(EntryStatus.Review);
        rr.Referral(referral.Id).Status.ShouldBe("pending");
    }

    [Fact]
    public async Task ReferralRockOutage_KeepsTheEntryReceived_AndTheNextCycleProcessesIt()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);
        rr.ReferralRock.FailNext(1);

        await rr.SyncAsync();

        var waiting = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        waiting.Status.ShouldBe(EntryStatus.Received);
        waiting.Message.ShouldContain("retried on the next cycle");
        rr.Referral(referral.Id).Status.ShouldBe("pending");

        (await rr.SyncAsync()).EntriesReceived.ShouldBe(0);

        (await rr.EntriesAsync()).ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.Status.ShouldBe(EntryStatus.Processed), e => e.Attempts.ShouldBe(2));
        rr.Referral(referral.Id).Status.ShouldBe("approved");
    }

    [Fact]
    public async Task EntryService_BadRequests_AreRefusedNamingTheField()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);
        await rr.SyncAsync();
        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        var id = ReferralRockFixture.IntegrationId;

        (await Should.ThrowAsync<RpcException>(() => rr.Entries.RetryEntryAsync(new RetryEntryRequest { IntegrationId = id, Id = entry.Id, Values = { new EntryValue { Field = "bogus", Value = "x" } } }).ResponseAsync))
            .Status.ShouldSatisfyAllConditions(s => s.StatusCode.ShouldBe(StatusCode.InvalidArgument), s => s.Detail.ShouldStartWith("values[0].field"));
        (await Should.ThrowAsync<RpcException>(() => rr.Entries.RetryEntryAsync(new RetryEntryRequest { IntegrationId = id, Id = entry.Id }).ResponseAsync))
            .StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        (await Should.ThrowAsync<RpcException>(() => rr.Entries.GetEntryAsync(new GetEntryRequest { IntegrationId = id, Id = entry.Id + 100 }).ResponseAsync))
            .StatusCode.ShouldBe(StatusCode.NotFound);
        (await Should.ThrowAsync<RpcException>(() => rr.Entries.ListEntriesAsync(new ListEntriesRequest { IntegrationId = id, PageToken = "yesterday" }).ResponseAsync))
            .Status.Detail.ShouldStartWith("page_token");
        (await Should.ThrowAsync<RpcException>(() => rr.Entries.ListEntriesAsync(new ListEntriesRequest { IntegrationId = "Not An Id" }).ResponseAsync))
            .Status.Detail.ShouldStartWith("integration_id");
    }

    [Fact]
    public async Task ConnectionDetails_ShowTheLastSalesforceConnectionAndTheLastEntryReceived()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        var connected = await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        var before = await rr.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = ReferralRockFixture.IntegrationId });
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        var status = (await rr.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = ReferralRockFixture.IntegrationId })).Status;
        before.Status.LastSalesforceConnectionAt.ShouldNotBeNull();
        before.Status.LastEntryReceivedAt.ShouldBeNull();
        status.LastSalesforceConnectionAt.ToDateTimeOffset().ShouldBeGreaterThan(before.Status.LastSalesforceConnectionAt.ToDateTimeOffset());
        status.LastEntryReceivedAt.ShouldNotBeNull();
        connected.Mappings.ShouldBeEmpty();
        connected.Receiver.Triggers.ShouldHaveSingleItem().Action.ShouldBe("approved");
    }

    [Theory]
    [InlineData("Opportunity.Private_Note__c", "receiver.fields[2].source", "Shield Platform Encryption")]
    [InlineData("Contact.Account.Name", "receiver.fields[2].source", "relational field")]
    [InlineData("Opportunity.NoSuchField__c", "receiver.fields[2].source", "has no field 'NoSuchField__c'")]
    [InlineData("Quote.Name", "receiver.fields[2].source", "is not one of Lead, Contact, Account, Opportunity")]
    public async Task Save_RefusesAnUnusableSourceField_ByName(string source, string field, string reason)
    {
        await using var rr = await ReferralRockFixture.StartAsync();

        var error = await Should.ThrowAsync<RpcException>(() => rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves(("note", source))));

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldStartWith(field);
        error.Status.Detail.ShouldContain(reason);
    }

    [Fact]
    public async Task Save_RefusesAnActionTheConnectorDoesNotHave()
    {
        await using var rr = await ReferralRockFixture.StartAsync();

        var error = await Should.ThrowAsync<RpcException>(() => rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Opportunity", "StageName", "Closed Won", "paid")])));

        error.Status.Detail.ShouldStartWith("receiver.triggers[0].action");
    }

    [Fact]
    public async Task Sandbox_AcceptsAReceiverOnlyIntegration()
    {
        await using var rr = await ReferralRockFixture.StartAsync(sandbox: true);
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("approved");
    }
}
