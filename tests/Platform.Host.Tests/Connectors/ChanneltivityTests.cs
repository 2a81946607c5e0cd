using Grpc.Core;
using Platform.Control.V1;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>Channeltivity end to end: partner sync with sync flag, status mapping, record types, and deletes.</summary>
public sealed class ChanneltivityTests : IAsyncLifetime
{
    private ChanneltivityFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ChanneltivityFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task NewIntegration_StartsInMatching_WritesNothingUntilMatchingCompletes()
    {
        var integration = await _fixture.ConnectAsync();
        await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.PartnerAccountAsync("Globex");

        await _fixture.SyncAsync();

        integration.Status.Matching.ShouldBeTrue();
        _fixture.App.Records("partner").Count.ShouldBe(1);
        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account"))).Count.ShouldBe(1);
        var status = await _fixture.Matching.GetMatchingStatusAsync(new IntegrationRef { Id = ChanneltivityFixture.IntegrationId });
        status.Mappings.Single(m => m.Mapping == "partner").ShouldSatisfyAllConditions(p => p.Undecided.ShouldBe(1), p => p.SalesforceUnmatched.ShouldBe(1));
    }

    [Fact]
    public async Task PartnerSync_FlaggedAccounts_SyncStrictlyBothWaysAndUnflaggedOnesStayOut()
    {
        var integration = await _fixture.ConnectAsync();
        var acme = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"), ("city", "Berlin"));
        var globex = await _fixture.PartnerAccountAsync("Globex", values: ("BillingCity", "Paris"));
        await _fixture.PartnerAccountAsync("Initech", flagged: false);

        await _fixture.CompleteAsync();

        integration.Mappings.Select(m => (m.Entity, m.SalesforceObject, m.Direction)).ShouldBe([("partner", "Account", SyncDirection.Both), ("partnerContact", "Contact", SyncDirection.Both)]);
        var created = (await _fixture.ReadAsync(Soql.Format($"SELECT Id, Sync_with_Channeltivity__c, Channeltivity_Partner_Status__c, BillingCity FROM Account WHERE Name = 'Acme Corp'"))).ShouldHaveSingleItem();
        created.Values["Sync_with_Channeltivity__c"].ShouldBe(true);
        created.Values["Channeltivity_Partner_Status__c"].ShouldBe("Active Partner");
        created.Values["BillingCity"].ShouldBe("Berlin");
        _fixture.App.Records("partner").Values.Select(p => p["name"]).ShouldBe(["Acme Corp", "Globex"], ignoreOrder: true);
        _fixture.App.Records("partner").Values.Single(p => p["name"] == "Globex")["status"].ShouldBe("Active");

        await _fixture.App.Save("partner", acme, ("city", "Munich"));
        await _fixture.User.UpdateAsync("Account", globex, new Dictionary<string, object?> { ["BillingCity"] = "Lyon" });
        await _fixture.SyncAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT BillingCity FROM Account WHERE Id = {created.Id}"))).Single().Values["BillingCity"].ShouldBe("Munich");
        _fixture.App.Records("partner").Values.Single(p => p["name"] == "Globex")["city"].ShouldBe("Lyon");
    }

    [Fact]
    public async Task DirectionLocked_OneWayPartnerMapping_IsRefused()
    {
        var integration = await _fixture.ConnectAsync();
        var update = ChanneltivityFixture.Request();
        update.Mappings.AddRange(integration.Mappings);
        update.Mappings[0].Direction = SyncDirection.ToSalesforce;

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.UpdateIntegrationAsync(update).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("mappings[0].direction");
    }

    [Fact]
    public async Task FieldMappings_DirectionChangedAndFieldAdded_EachFieldFlowsItsOwnWay()
    {
        var integration = await _fixture.ConnectAsync();
        var update = ChanneltivityFixture.Request();
        update.Mappings.AddRange(integration.Mappings);
        update.Mappings[0].Fields.Single(f => f.AppField == "phone").Direction = SyncDirection.ToApp;
        update.Mappings[0].Fields.Add(new FieldMappingConfig { AppField = "tier", SalesforceField = "Rating", ValueMap = { ["Gold"] = "Hot" } });
        await _fixture.Integrations.UpdateIntegrationAsync(update);
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"), ("tier", "Gold"));
        await _fixture.CompleteAsync();
        var account = (await _fixture.ReadAsync(Soql.Format($"SELECT Id, Rating FROM Account"))).Single();

        await _fixture.App.Save("partner", partner, ("phone", "+1 555 0100"), ("city", "Berlin"));
        await _fixture.SyncAsync();
        var afterAppEdit = (await _fixture.ReadAsync(Soql.Format($"SELECT Phone, BillingCity FROM Account"))).Single().Values;
        await _fixture.User.UpdateAsync("Account", account.Id, new Dictionary<string, object?> { ["Phone"] = "+1 555 0199" });
        await _fixture.SyncAsync();

        account.Values["Rating"].ShouldBe("Hot");
        afterAppEdit["Phone"].ShouldBeNull();
        afterAppEdit["BillingCity"].ShouldBe("Berlin");
        _fixture.App.Records("partner")[partner]["phone"].ShouldBe("+1 555 0199");
    }

    [Fact]
    public async Task Contacts_OfLinkedPartners_SyncWithTheirAccountAndMatchByEmailOnly()
    {
        await _fixture.ConnectAsync();
        var account = await _fixture.PartnerAccountAsync("Acme Corp");
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.App.Save("partnerContact", null, ("partnerId", partner), ("firstName", "Jane"), ("lastName", "Doe"), ("email", "jane@acme.example"), ("title", "CEO"));
        await _fixture.App.Save("partnerContact", null, ("partnerId", partner), ("lastName", "Roe"), ("email", "roe@acme.example"));
        await _fixture.User.CreateAsync("Contact", new Dictionary<string, object?> { ["AccountId"] = account, ["LastName"] = "Doe-Smith", ["Email"] = "JANE@acme.example", ["Phone"] = "+49 30 1234" });
        await _fixture.SyncAsync();
        var candidate = (await _fixture.ListAsync()).Candidates.ShouldHaveSingleItem();
        await _fixture.ResolveAsync(new MatchDecision { AppId = candidate.AppId, Action = MatchAction.Link, SalesforceId = candidate.Suggestions[0].SalesforceId });

        await _fixture.Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId });

        var contacts = await _fixture.ReadAsync(Soql.Format($"SELECT Id, AccountId, LastName, Email, Title FROM Contact ORDER BY LastName"));
        contacts.Count.ShouldBe(2);
        contacts.ShouldAllBe(c => (string?)c.Values["AccountId"] == account);
        contacts.Single(c => (string?)c.Values["Email"] == "JANE@acme.example").Values["Title"].ShouldBe("CEO");
        var jane = _fixture.App.Records("partnerContact").Values.Single(c => c.GetValueOrDefault("firstName") == "Jane");
        jane["phone"].ShouldBe("+49 30 1234");
        _fixture.App.Records("partnerContact").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Statuses_ByDefault_OnlyActivePartnersAreCreatedAndTheOthersSayWhy()
    {
        await _fixture.ConnectAsync();
        var prospect = await _fixture.App.Save("partner", null, ("name", "Prospect Ltd"), ("status", "Prospective"));
        await _fixture.PartnerAccountAsync("Sleepy Inc", status: "Inactive Partner");

        await _fixture.CompleteAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account WHERE Name = 'Prospect Ltd'"))).ShouldBeEmpty();
        _fixture.App.Records("partner").Count.ShouldBe(1);
        var pair = await _fixture.Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", AppId = prospect });
        pair.Note.ShouldContain("Prospective partners are not synced");
    }

    [Fact]
    public async Task Statuses_ProspectiveAndInactiveChosen_AreCreatedBothWaysWithTheirMappedValues()
    {
        await _fixture.ConnectAsync(("syncProspective", "true"), ("syncInactive", "true"));
        await _fixture.App.Save("partner", null, ("name", "Prospect Ltd"), ("status", "Prospective"));
        await _fixture.PartnerAccountAsync("Sleepy Inc", status: "Inactive Partner");

        await _fixture.CompleteAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT Channeltivity_Partner_Status__c FROM Account WHERE Name = 'Prospect Ltd'"))).ShouldHaveSingleItem().Values["Channeltivity_Partner_Status__c"].ShouldBe("Prospective Partner");
        _fixture.App.Records("partner").Values.Single(p => p["name"] == "Sleepy Inc")["status"].ShouldBe("Inactive");
    }

    [Fact]
    public async Task Statuses_LinkedPartnerBecomesInactive_SalesforceShowsIt()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.CompleteAsync();

        await _fixture.App.Save("partner", partner, ("status", "Inactive"));
        await _fixture.SyncAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT Channeltivity_Partner_Status__c FROM Account"))).ShouldHaveSingleItem().Values["Channeltivity_Partner_Status__c"].ShouldBe("Inactive Partner");
    }

    [Fact]
    public async Task StatusMapping_PicklistWithOtherValues_IsRefusedNamingTheValue()
    {
        var request = ChanneltivityFixture.Request(("statusField", "Type"));

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.CreateIntegrationAsync(request).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("value_map");
    }

    [Fact]
    public async Task StatusMapping_StatusLeftUnmapped_IsRefused()
    {
        var integration = await _fixture.ConnectAsync();
        var update = ChanneltivityFixture.Request();
        update.Mappings.AddRange(integration.Mappings);
        update.Mappings[0].Fields.Single(f => f.AppField == "status").ValueMap.Remove("Inactive");

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.UpdateIntegrationAsync(update).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldSatisfyAllConditions(d => d.ShouldContain("value_map"), d => d.ShouldContain("Inactive"));
    }

    [Fact]
    public async Task SyncFlag_SettingNotTheMappedField_IsRefusedNamingTheSetting()
    {
        var integration = await _fixture.ConnectAsync();
        var update = ChanneltivityFixture.Request(("syncFlagField", "Other_Flag__c"));
        update.Mappings.AddRange(integration.Mappings);

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.UpdateIntegrationAsync(update).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("settings[syncFlagField]");
    }

    [Fact]
    public async Task RecordTypes_Chosen_NewAccountsGetItAndAccountsOfOtherTypesDoNotSync()
    {
        var partnerType = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM RecordType WHERE DeveloperName = 'Partner'"))).Single().Id;
        var contactType = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM RecordType WHERE DeveloperName = 'Partner_Contact'"))).Single().Id;
        await _fixture.ConnectAsync(("accountRecordType", partnerType), ("contactRecordType", contactType));
        var acme = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.App.Save("partnerContact", null, ("partnerId", acme), ("lastName", "Doe"), ("email", "doe@acme.example"));
        await _fixture.PartnerAccountAsync("Customer Co");
        await _fixture.PartnerAccountAsync("Partner Co", values: ("RecordTypeId", partnerType));

        await _fixture.CompleteAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT RecordTypeId FROM Account WHERE Name = 'Acme Corp'"))).Single().Values["RecordTypeId"].ShouldBe(partnerType);
        (await _fixture.ReadAsync(Soql.Format($"SELECT RecordTypeId FROM Contact WHERE LastName = 'Doe'"))).Single().Values["RecordTypeId"].ShouldBe(contactType);
        _fixture.App.Records("partner").Values.Select(p => p["name"]).ShouldBe(["Acme Corp", "Partner Co"], ignoreOrder: true);
    }

    [Fact]
    public async Task RecordTypes_NotARecordTypeId_IsRefusedNamingTheSetting()
    {
        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.CreateIntegrationAsync(ChanneltivityFixture.Request(("accountRecordType", "Partner"))).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldContain("settings[accountRecordType]");
    }

    [Fact]
    public async Task Deletes_PartnerDeleted_AccountStaysAndThePairShowsItWasDeleted()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.CompleteAsync();

        await _fixture.App.Delete("partner", partner);
        await _fixture.SyncAsync();

        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account WHERE Name = 'Acme Corp'"))).ShouldHaveSingleItem();
        var pair = await _fixture.Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", AppId = partner });
        pair.Status.ShouldBe(PairStatus.Broken);
        pair.Note.ShouldContain("deleted in the app");
    }

    [Fact]
    public async Task Deletes_AccountMergedInSalesforce_LeavesTheLinkDisconnectedAndItCanBeRelinked()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"), ("website", "https://acme.example"));
        await _fixture.CompleteAsync();
        var loser = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account WHERE Name = 'Acme Corp'"))).Single().Id;
        var survivor = await _fixture.PartnerAccountAsync("ACME Corporation", flagged: false);
        var org = _fixture.Bed.Salesforce.Org;
        org.Store.Merge(org.Store.Get(survivor)!, [org.Store.Get(loser)!], org.DefaultUser.UserId, client: null);

        await _fixture.SyncAsync();
        await _fixture.User.UpdateAsync("Account", survivor, new Dictionary<string, object?> { ["Sync_with_Channeltivity__c"] = true });

        var pair = await _fixture.Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", AppId = partner });
        pair.Status.ShouldBe(PairStatus.Broken);
        pair.Note.ShouldContain("deleted in Salesforce");
        _fixture.App.Records("partner").Keys.ShouldContain(partner);

        var relinked = await _fixture.Bed.Pairs.LinkPairAsync(new LinkPairRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", AppId = partner, SalesforceId = survivor });

        relinked.Status.ShouldBe(PairStatus.Linked);
        relinked.SalesforceId.ShouldBe(survivor);
        (await _fixture.ReadAsync(Soql.Format($"SELECT Website FROM Account WHERE Id = {survivor}"))).Single().Values["Website"].ShouldBe("https://acme.example");
    }

    [Fact]
    public async Task Deletes_AccountDeleted_LinkCanBeUnlinked()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"));
        await _fixture.CompleteAsync();
        var account = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account"))).Single().Id;
        await _fixture.User.DeleteAsync("Account", account);
        await _fixture.SyncAsync();
        var pair = await _fixture.Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", AppId = partner });
        pair.Status.ShouldBe(PairStatus.Broken);

        var unlinked = await _fixture.Bed.Pairs.UnlinkPairAsync(new PairRef { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", PairId = pair.PairId });

        unlinked.SalesforceId.ShouldBeEmpty();
        unlinked.AppId.ShouldBeEmpty();
    }
}
