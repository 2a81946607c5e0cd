using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// Referral Rock's sales receiver end to end: Salesforce records reaching a status change event's value make entries
/// that update the referral they match (directly or fuzzily) or add one to the member they name.
/// </summary>
public sealed class ReferralRockReceiverTests
{
    [Fact]
    public async Task ClosedWonOpportunity_WithReferralId_ApprovesTheReferralAndSetsItsAmount()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        var report = await rr.SyncAsync();

        report.EntriesReceived.ShouldBe(1);
        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("approved"), r => r.Amount.ShouldBe(5000m));
        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.Status.ShouldBe(EntryStatus.Processed);
        entry.Action.ShouldBe("approved");
        entry.TriggerObject.ShouldBe("Opportunity");
        entry.AppRecordIds.ShouldBe([referral.Id]);
        entry.Message.ShouldContain("pending → approved");
        entry.Values.ShouldContain(v => v.Field == "amount" && v.Value == "5000");
    }

    [Fact]
    public async Task Receiver_ReferralRockRefusesTheKey_KeepsTheEntryAndPausesUntilTheKeyIsFixed()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves(), ("privateKey", "revoked-key"));
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);
        await rr.CreateOpportunityAsync("Closed Won", 700m, referral.Id);

        var refused = await rr.SyncAsync();

        refused.Skipped.ShouldStartWith("The app refused the connector's credentials");
        (await rr.EntriesAsync()).ShouldSatisfyAllConditions(
            e => e.Count.ShouldBe(2, "both entries were saved"),
            e => e.ShouldAllBe(x => x.Status == EntryStatus.Received),
            e => e.Sum(x => x.Attempts).ShouldBe(1, "after the first refusal the app is not called again"));
        rr.Referral(referral.Id).Status.ShouldBe("pending");

        await rr.Integrations.UpdateIntegrationAsync(rr.ReceiverRequest(ReferralRockFixture.ClosedWonApproves()));
        var resumed = await rr.SyncAsync();

        resumed.Skipped.ShouldBeEmpty();
        (await rr.EntriesAsync()).ShouldAllBe(e => e.Status == EntryStatus.Processed);
        rr.Referral(referral.Id).Status.ShouldBe("approved");
    }

    [Fact]
    public async Task Trigger_FiresWhenTheValueIsReachedAndWhenACarriedFieldChanges_NotOnReRead()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        var opportunity = await rr.CreateOpportunityAsync("Prospecting", 1000m, referral.Id);

        (await rr.SyncAsync()).EntriesReceived.ShouldBe(0);
        rr.AdvanceClocks(TimeSpan.FromSeconds(1));
        await rr.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["StageName"] = "Closed Won" });
        (await rr.SyncAsync()).EntriesReceived.ShouldBe(1);
        (await rr.SyncAsync()).EntriesReceived.ShouldBe(0);
        rr.AdvanceClocks(TimeSpan.FromSeconds(1));
        await rr.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Description"] = "not carried" });
        (await rr.SyncAsync()).EntriesReceived.ShouldBe(0);
        rr.AdvanceClocks(TimeSpan.FromSeconds(1));
        await rr.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 1250m });
        (await rr.SyncAsync()).EntriesReceived.ShouldBe(1);

        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("approved"), r => r.Amount.ShouldBe(1250m));
        (await rr.EntriesAsync()).Select(e => e.Message).ToArray().ShouldSatisfyAllConditions(
            m => m[0].ShouldContain("already approved, updated amount"),
            m => m[1].ShouldContain("pending → approved"));
    }

    [Fact]
    public async Task ChangesBeforeTheReceiverStarted_MakeNoEntries()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);
        rr.AdvanceClocks(TimeSpan.FromMinutes(2));
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());

        (await rr.SyncAsync()).EntriesReceived.ShouldBe(0);

        rr.Referral(referral.Id).Status.ShouldBe("pending");
    }

    [Fact]
    public async Task ExternalId_MatchesTheReferralDirectly()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", values: ("externalIdentifier", "CRM-7"));
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Opportunity", "StageName", "Closed Won", "approved")], ("externalId", "Opportunity.Referral_Code__c")));
        await rr.User.CreateAsync("Opportunity", new Dictionary<string, object?> { ["Name"] = "Deal", ["StageName"] = "Closed Won", ["CloseDate"] = new DateOnly(2026, 12, 31), ["Referral_Code__c"] = "CRM-7" });

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("approved");
        (await rr.EntriesAsync()).ShouldHaveSingleItem().Message.ShouldStartWith("Direct match");
    }

    [Fact]
    public async Task Lead_MatchesItsReferralByEmail()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Lead", "Status", "Working - Contacted", "qualified")]));
        await rr.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Someone", ["Email"] = "DANA@prospect.example", ["Company"] = "P", ["Status"] = "Working - Contacted" });

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("qualified");
        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.Message.ShouldStartWith("Fuzzy match");
        entry.People.ShouldHaveSingleItem().Email.ShouldBe("DANA@prospect.example");
    }

    [Fact]
    public async Task Contact_WithoutEmailMatch_MatchesTheOnlyReferralWithItsFullName()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        rr.AddReferral("Dana", "Prospectus", "other@prospect.example");
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Contact", "LeadSource", "Partner Referral", "qualified")]));
        await rr.User.CreateAsync("Contact", new Dictionary<string, object?> { ["FirstName"] = "dana", ["LastName"] = "PROSPECT", ["Email"] = "dana@work.example", ["LeadSource"] = "Partner Referral" });

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("qualified");
    }

    [Fact]
    public async Task AccountContactsScope_UpdatesTheReferralsOfEveryContactOfTheOpportunitysAccount()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var first = rr.AddReferral("Ann", "One", "ann@acme.example");
        var second = rr.AddReferral("Ben", "Two", "ben@acme.example");
        var account = await rr.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        foreach (var (last, email) in new[] { ("One", "ann@acme.example"), ("Two", "ben@acme.example") })
        {
            await rr.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = last, ["Email"] = email, ["AccountId"] = account });
        }

        var receiver = ReferralRockFixture.Receiver([("Opportunity", "StageName", "Closed Won", "approved")]);
        receiver.People = PeopleScope.AccountContacts;
        await rr.ConnectReceiverAsync(receiver);
        await rr.CreateOpportunityAsync("Closed Won", 900m, accountId: account);

        await rr.SyncAsync();

        rr.Referral(first.Id).Status.ShouldBe("approved");
        rr.Referral(second.Id).Status.ShouldBe("approved");
        (await rr.EntriesAsync()).ShouldHaveSingleItem().AppRecordIds.ShouldBe([first.Id, second.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task RelatedScope_OpportunityWithTwoAccountContactsAndNoContactRole_MatchesNobody()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        rr.AddReferral("Ann", "One", "ann@acme.example");
        var account = await rr.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        await rr.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "One", ["Email"] = "ann@acme.example", ["AccountId"] = account });
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Opportunity", "StageName", "Closed Won", "approved")], ("companyName", "Account.Name"), ("email", "Contact.Email")));
        await rr.CreateOpportunityAsync("Closed Won", 900m, accountId: account);

        await rr.SyncAsync();

        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.Status.ShouldBe(EntryStatus.Failed);
        entry.People.ShouldBeEmpty();
        entry.Values.ShouldContain(v => v.Field == "companyName" && v.Value == "Acme");
        entry.Values.ShouldContain(v => v.Field == "email" && !v.HasValue);
        entry.Notes.ShouldContain(n => n.Contains("no related Contact records", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ContactTrigger_TakesTheAmountOfItsOnlyOpportunity_ThroughItsContactRole()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        var opportunity = await rr.CreateOpportunityAsync("Prospecting", 7300m);
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Contact", "LeadSource", "Partner Referral", "qualified")], ("amount", "Opportunity.Amount")));
        var contact = await rr.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Email"] = "dana@prospect.example" });
        await rr.User.CreateAsync("OpportunityContactRole", new Dictionary<string, object?> { ["OpportunityId"] = opportunity, ["ContactId"] = contact, ["Role"] = "Decision Maker" });
        await rr.User.UpdateAsync("Contact", contact, new Dictionary<string, object?> { ["LeadSource"] = "Partner Referral" });

        await rr.SyncAsync();

        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("qualified"), r => r.Amount.ShouldBe(7300m));
    }

    [Fact]
    public async Task AccountTrigger_TakesItsOnlyContact_ButNoValueFromTwoOpportunities()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example");
        var account = await rr.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Prospect Ltd" });
        await rr.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Email"] = "dana@prospect.example", ["AccountId"] = account });
        await rr.CreateOpportunityAsync("Prospecting", 100m, accountId: account);
        await rr.CreateOpportunityAsync("Prospecting", 200m, accountId: account);
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Account", "AccountSource", "Partner Referral", "qualified")], ("amount", "Opportunity.Amount"), ("companyName", "Account.Name")));
        await rr.User.UpdateAsync("Account", account, new Dictionary<string, object?> { ["AccountSource"] = "Partner Referral" });

        await rr.SyncAsync();

        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.People.ShouldHaveSingleItem().Email.ShouldBe("dana@prospect.example");
        entry.Values.ShouldContain(v => v.Field == "amount" && !v.HasValue);
        entry.Notes.ShouldContain(n => n.Contains("has 2 related Opportunity records", StringComparison.Ordinal));
        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("qualified"), r => r.Amount.ShouldBe(0m), r => r.CompanyName.ShouldBe("Prospect Ltd"));
    }

    [Fact]
    public async Task LeadTrigger_ReachesOnlyItself_SoAccountFieldsAreNull()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Kept Co");
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver([("Lead", "Status", "Working - Contacted", "qualified")], ("companyName", "Account.Name")));
        await rr.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Email"] = "dana@prospect.example", ["Company"] = "P", ["Status"] = "Working - Contacted" });

        await rr.SyncAsync();

        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.Notes.ShouldContain(n => n.Contains("Lead has no relationship to Account", StringComparison.Ordinal));
        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("qualified"), r => r.CompanyName.ShouldBe("Kept Co"));
    }

    [Fact]
    public async Task NoReferralMatch_MemberMatchedByReferralCode_AddsAReferralForTheMember()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.ConnectReceiverAsync(ReferralRockFixture.Receiver(
            [("Lead", "Status", "Working - Contacted", "qualified")],
            ("memberReferralCode", "Lead.Referring_Member_Code__c"), ("companyName", "Lead.Company")));
        await rr.User.CreateAsync("Lead", new Dictionary<string, object?>
        {
            ["FirstName"] = "Nia", ["LastName"] = "New", ["Email"] = "nia@new.example", ["Company"] = "New Co",
            ["Status"] = "Working - Contacted", ["Referring_Member_Code__c"] = rr.Member.ReferralCode,
        });

        await rr.SyncAsync();

        var entry = (await rr.EntriesAsync()).ShouldHaveSingleItem();
        entry.Status.ShouldBe(EntryStatus.Processed);
        var added = rr.Referral(entry.AppRecordIds.ShouldHaveSingleItem());
        added.ShouldSatisfyAllConditions(
            r => r.ReferringMemberId.ShouldBe(rr.Member.Id),
            r => r.Status.ShouldBe("qualified"),
            r => r.Email.ShouldBe("nia@new.example"),
            r => r.FirstName.ShouldBe("Nia"),
            r => r.CompanyName.ShouldBe("New Co"));
    }

    [Fact]
    public async Task DeniedReferral_StaysDeniedByDefault_WhileItsOtherFieldsUpdate()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", values: ("status", "denied"));
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves());
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        rr.Referral(referral.Id).ShouldSatisfyAllConditions(r => r.Status.ShouldBe("denied"), r => r.Amount.ShouldBe(5000m));
        (await rr.EntriesAsync()).ShouldHaveSingleItem().Message.ShouldContain("stays denied");
    }

    [Fact]
    public async Task DeniedReferral_WithTheOverrideOn_IsApproved()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", values: ("status", "denied"));
        await rr.ConnectReceiverAsync(ReferralRockFixture.ClosedWonApproves(), ("allowDeniedOverride", "true"));
        await rr.CreateOpportunityAsync("Closed Won", 5000m, referral.Id);

        await rr.SyncAsync();

        rr.Referral(referral.Id).Status.ShouldBe("approved");
        (await rr.EntriesAsync()).ShouldHaveSingleItem().Message.ShouldContain("denied → approved");
    }
}
