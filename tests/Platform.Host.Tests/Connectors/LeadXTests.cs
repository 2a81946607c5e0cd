using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.Salesforce.Model;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>LeadX end to end: object mappings with direction toggles, status mapping, sales managers, scheduler, lead lifecycle.</summary>
public sealed class LeadXTests : IAsyncLifetime
{
    private LeadXFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await LeadXFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task DefaultMappings_CompaniesAndLeads_SyncBothWaysAndEachMappingShowsItsFields()
    {
        var integration = await _fixture.ConnectAsync();
        await _fixture.App.Save("company", null, ("name", "Acme Corp"), ("website", "https://acme.example"));
        await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Globex" });

        await _fixture.SyncAsync();

        integration.Mappings.Select(m => (m.Entity, m.SalesforceObject, m.Direction)).ShouldBe([("company", "Account", SyncDirection.Both), ("contact", "Contact", SyncDirection.Both), ("lead", "Lead", SyncDirection.Both)]);
        integration.Mappings[1].Fields.Single(f => f.AppField == "companyId").ReferenceMapping.ShouldBe("company");
        integration.Mappings[2].Fields.Single(f => f.AppField == "stage").ValueMap["Won"].ShouldBe("Closed - Converted");
        (await _fixture.ReadAsync(Soql.Format($"SELECT Id, Name FROM Account WHERE Name = 'Acme Corp'"))).ShouldHaveSingleItem();
        _fixture.App.Records("company").Values.Select(c => c["name"]).ShouldBe(["Acme Corp", "Globex"], ignoreOrder: true);
    }

    [Fact]
    public async Task DefaultMappings_ContactOfACompany_SyncsWithItsAccountBothWays()
    {
        await _fixture.ConnectAsync();
        var company = await _fixture.App.Save("company", null, ("name", "Acme Corp"));
        await _fixture.App.Save("contact", null, ("companyId", company), ("firstName", "Jane"), ("lastName", "Doe"), ("email", "jane@acme.example"));
        await _fixture.SyncAsync();
        var account = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account WHERE Name = 'Acme Corp'"))).ShouldHaveSingleItem().Id;

        await _fixture.User.CreateAsync("Contact", new Dictionary<string, object?> { ["AccountId"] = account, ["FirstName"] = "John", ["LastName"] = "Roe" });
        await _fixture.SyncAsync();

        var jane = (await _fixture.ReadAsync(Soql.Format($"SELECT Id, AccountId, Email FROM Contact WHERE LastName = 'Doe'"))).ShouldHaveSingleItem();
        jane.Values["AccountId"].ShouldBe(account);
        jane.Values["Email"].ShouldBe("jane@acme.example");
        var john = _fixture.App.Records("contact").Values.Single(c => c["lastName"] == "Roe");
        john["companyId"].ShouldBe(company);
    }

    [Fact]
    public async Task DirectionToggle_CompaniesLeadXToSalesforceOnly_AccountsMadeInSalesforceStayThere()
    {
        var integration = await _fixture.ConnectAsync();
        var update = LeadXFixture.Request();
        update.Mappings.AddRange(integration.Mappings);
        update.Mappings[0].Direction = SyncDirection.ToSalesforce;
        await _fixture.Integrations.UpdateIntegrationAsync(update);
        await _fixture.App.Save("company", null, ("name", "Acme Corp"));
        await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Globex" });

        await _fixture.SyncAsync();

        _fixture.App.Records("company").Values.ShouldHaveSingleItem()["name"].ShouldBe("Acme Corp");
        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account"))).Count.ShouldBe(2);
    }

    [Fact]
    public async Task StatusMapping_PipelineStagesAndSalesforceStatuses_TranslateBothWays()
    {
        await _fixture.ConnectAsync();
        await _fixture.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Wu", ["Company"] = "Initech", ["Status"] = "Working - Contacted" });
        var fromLeadX = await _fixture.App.Save("lead", null, ("title", "Acme expansion"), ("companyName", "Acme Corp"), ("contactLastName", "Doe"), ("stage", "Lead"));
        await _fixture.SyncAsync();

        await _fixture.App.Save("lead", fromLeadX, ("stage", "Lost"));
        await _fixture.SyncAsync();

        var inLeadX = _fixture.App.Records("lead").Values.Single(l => l["contactLastName"] == "Wu");
        inLeadX["stage"].ShouldBe("Qualified");
        var lost = (await _fixture.ReadAsync(Soql.Format($"SELECT Id, Status FROM Lead WHERE LastName = 'Doe'"))).ShouldHaveSingleItem();
        lost.Values["Status"].ShouldBe("Closed - Not Converted");
    }

    [Theory]
    [InlineData("Won", "Closed - Won", "value_map[Won]: mapping 'lead': 'Closed - Won' is not an active value of Lead.Status")]
    [InlineData("Pending", "Open - Not Contacted", "value_map[Pending]: mapping 'lead': 'Pending' is not a value of app field 'stage'")]
    [InlineData("Proposal", null, "value_map: mapping 'lead': app value 'Proposal' of 'stage' is not mapped")]
    public async Task StatusMapping_SalesforceSideNotInThePicklistOrAStageLeftOut_IsRefused(string stage, string? status, string message)
    {
        var integration = await _fixture.ConnectAsync();
        var update = LeadXFixture.Request();
        update.Mappings.AddRange(integration.Mappings);
        var map = update.Mappings[2].Fields.Single(f => f.AppField == "stage").ValueMap;
        if (status is null)
        {
            map.Remove(stage);
        }
        else
        {
            map[stage] = status;
        }

        var refused = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.UpdateIntegrationAsync(update).ResponseAsync);

        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Status.Detail.ShouldContain(message);
    }

    [Fact]
    public async Task LeadCreated_FromLeadXOnlyInLeadStageAndEveryOneFromSalesforce_WithTheSalesManagers()
    {
        var manager = _fixture.Bed.Salesforce.Org.AddUser(new UserSeed { Username = "sam.manager@acme.example", Password = "pw", LastName = "Manager" });
        await _fixture.ConnectAsync(("defaultSalesforceOwnerId", manager.UserId), ("defaultLeadXOwnerEmail", "lee@leadx.example"));
        await _fixture.App.Save("lead", null, ("title", "Acme RFP"), ("companyName", "Acme Corp"), ("contactLastName", "Doe"), ("stage", "Lead"));
        var late = await _fixture.App.Save("lead", null, ("title", "Hooli deal"), ("companyName", "Hooli"), ("contactLastName", "Belson"), ("stage", "Proposal"));
        await _fixture.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Wu", ["Company"] = "Initech" });

        await _fixture.SyncAsync();

        var created = (await _fixture.ReadAsync(Soql.Format($"SELECT Id, LastName, OwnerId, Status FROM Lead WHERE LastName != 'Wu'"))).ShouldHaveSingleItem();
        created.Values["LastName"].ShouldBe("Doe");
        created.Values["OwnerId"].ShouldBe(manager.UserId);
        var pair = await _fixture.Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = LeadXFixture.IntegrationId, Mapping = "lead", AppId = late });
        pair.Note.ShouldContain("only in the Lead stage; this one is in Proposal");
        var fromSalesforce = _fixture.App.Records("lead").Values.Single(l => l["contactLastName"] == "Wu");
        fromSalesforce["ownerEmail"].ShouldBe("lee@leadx.example");
        fromSalesforce["stage"].ShouldBe("Lead");
    }

    [Fact]
    public async Task LeadDeleted_OnEitherSide_IsDeletedOnTheOther()
    {
        await _fixture.ConnectAsync();
        var inLeadX = await _fixture.App.Save("lead", null, ("title", "Acme RFP"), ("companyName", "Acme Corp"), ("contactLastName", "Doe"), ("stage", "Lead"));
        var inSalesforce = await _fixture.User.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Wu", ["Company"] = "Initech" });
        await _fixture.SyncAsync();
        var leadsBefore = (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Lead"))).Count;
        var leadXBefore = _fixture.App.Records("lead").Count;

        await _fixture.App.Delete("lead", inLeadX);
        await _fixture.User.DeleteAsync("Lead", inSalesforce);
        await _fixture.SyncAsync();

        leadsBefore.ShouldBe(2);
        leadXBefore.ShouldBe(2);
        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Lead"))).ShouldBeEmpty();
        _fixture.App.Records("lead").ShouldBeEmpty();
    }

    [Fact]
    public async Task Scheduler_FourFrequencies_OthersAreRefusedAndTheDefaultIsEvery15Minutes()
    {
        var request = LeadXFixture.Request();
        request.Schedule.Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(2));
        var refused = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.CreateIntegrationAsync(request).ResponseAsync);
        request.Schedule.Interval = null;
        var start = request.Schedule.StartAt;

        var created = await _fixture.Integrations.CreateIntegrationAsync(request);

        refused.Status.Detail.ShouldStartWith("schedule.interval: connector 'leadx' syncs at one of these intervals: 00:15:00, 01:00:00, 1.00:00:00, 7.00:00:00");
        created.Schedule.Interval.ToTimeSpan().ShouldBe(TimeSpan.FromMinutes(15));
        created.Schedule.StartAt.ShouldBe(start);
    }

    [Theory]
    [InlineData("defaultSalesforceOwnerId", "sam", "settings[defaultSalesforceOwnerId]: must be a Salesforce user id")]
    [InlineData("defaultLeadXOwnerEmail", "not an address", "settings[defaultLeadXOwnerEmail]: must be the e-mail of a LeadX user")]
    public async Task SalesManagers_InvalidSetting_IsRefusedNamingIt(string key, string value, string message)
    {
        var request = LeadXFixture.Request();
        request.Settings[key] = value;

        var refused = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.CreateIntegrationAsync(request).ResponseAsync);

        refused.Status.Detail.ShouldStartWith(message);
    }
}
