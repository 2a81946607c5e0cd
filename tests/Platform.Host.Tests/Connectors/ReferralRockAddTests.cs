using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.Connectors;

/// <summary>Referral Add to Salesforce: a referral added in Referral Rock becomes a Lead or Contact, per program.</summary>
public sealed class ReferralRockAddTests
{
    private static readonly string[] AlwaysSet = ["FirstName", "LastName", "Email", "Company", "Referral_ID__c", "LeadSource", "Referral_Source_Note__c", "Referral_URL__c", "Referral_Member_URL__c"];

    [Fact]
    public async Task ReferralAdded_WithTheDefaultMapping_BecomesALeadWithEveryFieldReferralRockAlwaysSets()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd");
        await rr.ConnectAsync();

        var report = await rr.SyncAsync();

        report.WritesToSalesforce.ShouldBe(1);
        var lead = (await rr.RecordsAsync("Lead", AlwaysSet)).ShouldHaveSingleItem();
        lead["FirstName"].ShouldBe("Dana");
        lead["LastName"].ShouldBe("Prospect");
        lead["Email"].ShouldBe("dana@prospect.example");
        lead["Company"].ShouldBe("Prospect Ltd");
        lead["Referral_ID__c"].ShouldBe(referral.Id);
        lead["LeadSource"].ShouldBe("Referral Rock");
        lead["Referral_Source_Note__c"].ShouldBe("Referred by Maya Advocate (maya@advocates.example) through the Referral Rock program Partner Program.");
        lead["Referral_URL__c"].ShouldBe($"https://acme.referralrock.example/referrals/{referral.Id}");
        lead["Referral_Member_URL__c"].ShouldBe($"https://acme.referralrock.example/members/{rr.Member.Id}");
        (await rr.PairOfReferralAsync(referral.Id)).Status.ShouldBe(PairStatus.Linked);
        rr.Referral(referral.Id).Status.ShouldBe("pending", "adding to Salesforce does not change the referral");
    }

    [Fact]
    public async Task TwoPrograms_EachAddsItsReferralsAsItsOwnObject()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var resellers = rr.Store.AddProgram("resellers", "Reseller Program");
        var reseller = rr.Store.CreateMember(new() { ["programId"] = resellers.Id, ["firstName"] = "Rex", ["lastName"] = "Seller", ["email"] = "rex@resell.example" }).Member!;
        var toLead = rr.AddReferral("Lea", "Lead", "lea@a.example", "A Ltd");
        var toContact = rr.AddReferral("Cory", "Contact", "cory@b.example", "B Ltd", reseller);
        await rr.ConnectAsync("UpdateExisting",
            ReferralRockFixture.AddMapping("partner-leads", "Lead", rr.Program.Id),
            ReferralRockFixture.AddMapping("reseller-contacts", "Contact", resellers.Id));

        await rr.SyncAsync();

        (await rr.RecordsAsync("Lead", "Email", "Referral_ID__c")).ShouldHaveSingleItem()["Referral_ID__c"].ShouldBe(toLead.Id);
        var contact = (await rr.RecordsAsync("Contact", "Email", "Referral_ID__c", "Referral_Company__c", "LeadSource", "Referral_Source_Note__c")).ShouldHaveSingleItem();
        contact["Referral_ID__c"].ShouldBe(toContact.Id);
        contact["Referral_Company__c"].ShouldBe("B Ltd");
        contact["Referral_Source_Note__c"].ShouldBe("Referred by Rex Seller (rex@resell.example) through the Referral Rock program Reseller Program.");
    }

    [Fact]
    public async Task CustomReferralAndMemberFields_ReachTheFieldsTheyAreMappedTo()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        var referral = rr.AddReferral("Dana", "Prospect", "dana@prospect.example", "Prospect Ltd", values: [("customText1Name", "Industry"), ("customText1Value", "Logistics")]);
        await rr.ConnectAsync("UpdateExisting", ReferralRockFixture.AddMapping("referral", "Lead", programId: null,
            ("customText1", "Industry_Detail__c"),
            ("memberName", "Referring_Member_Name__c"),
            ("memberEmail", "Referring_Member_Email__c"),
            ("memberExternalId", "Referring_Member_External_ID__c"),
            ("memberPhone", "Referring_Member_Phone__c"),
            ("memberReferralCode", "Referring_Member_Code__c"),
            ("memberCustomText1", "Member_Region__c")));

        await rr.SyncAsync();

        var lead = (await rr.RecordsAsync("Lead", "Referral_ID__c", "Industry_Detail__c", "Referring_Member_Name__c", "Referring_Member_Email__c", "Referring_Member_External_ID__c", "Referring_Member_Phone__c", "Referring_Member_Code__c", "Member_Region__c")).ShouldHaveSingleItem();
        lead["Referral_ID__c"].ShouldBe(referral.Id);
        lead["Industry_Detail__c"].ShouldBe("Logistics");
        lead["Referring_Member_Name__c"].ShouldBe("Maya Advocate");
        lead["Referring_Member_Email__c"].ShouldBe("maya@advocates.example");
        lead["Referring_Member_External_ID__c"].ShouldBe("CUST-42");
        lead["Referring_Member_Phone__c"].ShouldBe("+1 555 0100");
        lead["Referring_Member_Code__c"].ShouldBe(rr.Member.ReferralCode);
        lead["Member_Region__c"].ShouldBe("EMEA");
    }

    [Fact]
    public async Task EncryptedFieldMapped_IsRefusedAsUnsupportedByName()
    {
        await using var rr = await ReferralRockFixture.StartAsync();

        var refused = await Should.ThrowAsync<RpcException>(rr.ConnectAsync("UpdateExisting", ReferralRockFixture.AddMapping("referral", "Lead", programId: null, ("note", "Private_Note__c"))));

        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Status.Detail.ShouldContain("Private_Note__c");
        refused.Status.Detail.ShouldContain("Shield Platform Encryption");
        refused.Status.Detail.ShouldContain("not supported");
    }
}
