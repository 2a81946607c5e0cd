using Platform.Emulators.Responsive;

namespace Platform.Host.Tests.Connectors;

/// <summary>Responsive projects published to Salesforce for reporting, created from Salesforce, and fed by their Opportunity's fields.</summary>
public sealed class ResponsiveProjectTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 12, 15, 17, 0, 0, TimeSpan.Zero);
    private ResponsiveFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ResponsiveFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Publish_ProjectCreatedInResponsive_AppearsInReportingObjectAndStaysCurrent()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m);
        var project = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, opportunity);
        await _fixture.ConnectAsync();

        await _fixture.SyncAsync();
        var published = (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull();
        published["Name"].ShouldBe("Acme RFP 2027");
        published["Stage__c"].ShouldBe("Not Started");
        published["Opportunity__c"].ShouldBe(opportunity);
        published["Primary_Contact__c"].ShouldBe(ResponsiveFixture.Owner);
        published["Due_Date__c"].ShouldBe(Due);

        _fixture.AdvanceClocks(TimeSpan.FromMinutes(5));
        _fixture.Store.SetStage(project.Id, "Submitted");
        await _fixture.SyncAsync();
        (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull()["Stage__c"].ShouldBe("Submitted");
    }

    [Fact]
    public async Task OpportunityFields_SeveralProjectsOnOneOpportunity_EachGetsTheValuesAndLaterChanges()
    {
        var account = await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m, account);
        var security = _fixture.Store.CreateProject("Acme security questionnaire", Due, ResponsiveFixture.Owner, opportunity);
        var rfp = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, opportunity);
        await _fixture.ConnectAsync();

        await _fixture.SyncAsync();
        await _fixture.SyncAsync();
        foreach (var id in new[] { security.Id, rfp.Id })
        {
            var project = _fixture.Store.Get(WorkKind.Project, id).ShouldNotBeNull();
            project.DealSize.ShouldBe(120_000m);
            project.ClientName.ShouldBe("Acme Corp");
        }

        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        // Another project published later moves the reporting object's watermark past these two, so only a change to
        // their Opportunity (not to their own records) can bring them up again.
        _fixture.Store.CreateProject("Initech bid", Due, ResponsiveFixture.Owner, await _fixture.CreateOpportunityAsync("Initech", 5_000m));
        await _fixture.SyncAsync();
        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        await _fixture.SyncAsync();
        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        await _fixture.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 150_000m });
        await _fixture.User.UpdateAsync("Account", account, new Dictionary<string, object?> { ["Name"] = "Acme Corporation" });
        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        await _fixture.SyncAsync();
        foreach (var id in new[] { security.Id, rfp.Id })
        {
            var project = _fixture.Store.Get(WorkKind.Project, id).ShouldNotBeNull();
            project.DealSize.ShouldBe(150_000m);
            project.ClientName.ShouldBe("Acme Corporation");
        }
    }

    [Fact]
    public async Task CreateFromSalesforce_ReportingRecordWithoutProject_CreatesAssociatedProjectOnce()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Globex expansion", 80_000m);
        await _fixture.ConnectAsync();
        var requested = await _fixture.User.CreateAsync("Responsive_Project__c", new Dictionary<string, object?>
        {
            ["Name"] = "Globex RFP",
            ["Due_Date__c"] = Due,
            ["Primary_Contact__c"] = ResponsiveFixture.Owner,
            ["Opportunity__c"] = opportunity,
        });

        await _fixture.SyncAsync();
        await _fixture.SyncAsync();
        var (projects, total) = _fixture.Store.Search(WorkKind.Project, null, opportunity, null, 0, 10);
        total.ShouldBe(1);
        var project = projects[0];
        project.Name.ShouldBe("Globex RFP");
        project.CrmObjectType.ShouldBe("Opportunity");
        project.DealSize.ShouldBe(80_000m);
        var published = (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull();
        published.Id.ShouldBe(requested);
        published["Stage__c"].ShouldBe("Not Started");
    }
}
