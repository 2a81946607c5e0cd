using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Control.V1;
using Platform.Emulators.Responsive;

namespace Platform.Host.Tests.Connectors;

/// <summary>The association settings, and sync timing that follows user activity in Salesforce-associated projects.</summary>
public sealed class ResponsiveAssociationTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 12, 15, 17, 0, 0, TimeSpan.Zero);
    private ResponsiveFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ResponsiveFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AssociationNotAllowed_ProjectAssociatedInResponsive_IsNotSyncedButOneCreatedFromSalesforceIs()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m);
        var fromResponsive = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, opportunity);
        await _fixture.ConnectAsync(("allowAssociation", "false"));
        await _fixture.User.CreateAsync("Responsive_Project__c", new Dictionary<string, object?>
        {
            ["Name"] = "Acme security review",
            ["Due_Date__c"] = Due,
            ["Primary_Contact__c"] = ResponsiveFixture.Owner,
            ["Opportunity__c"] = opportunity,
        });

        await _fixture.SyncAsync();
        await _fixture.SyncAsync();

        (await _fixture.ReportingRecordAsync(fromResponsive.Id)).ShouldBeNull();
        _fixture.Store.Get(WorkKind.Project, fromResponsive.Id).ShouldNotBeNull().DealSize.ShouldBeNull();
        (await PairOfAsync(fromResponsive.Id)).Note.ShouldContain("allowAssociation is off");
        var (created, total) = _fixture.Store.Search(WorkKind.Project, null, opportunity, null, 0, 10);
        total.ShouldBe(2);
        created.ShouldContain(p => p.Name == "Acme security review" && p.DealSize == 120_000m);
    }

    [Fact]
    public async Task AssociationNotAllowed_PublishedProjectAssociatedLater_IsHeldWithTheReasonUntilTheAssociationIsRemoved()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m);
        var project = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner);
        await _fixture.ConnectAsync(("allowAssociation", "false"));
        await _fixture.SyncAsync();
        var published = (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull();

        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        Change(project.Id, new JsonObject { ["name"] = "Acme RFP 2027 (renewal)", ["crmRecordId"] = opportunity, ["crmObjectType"] = "Opportunity" });
        await _fixture.SyncAsync();
        var held = (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull();
        var heldNote = (await PairOfAsync(project.Id)).Note;

        _fixture.AdvanceClocks(TimeSpan.FromHours(1));
        Change(project.Id, new JsonObject { ["crmRecordId"] = null, ["crmObjectType"] = null });
        await _fixture.SyncAsync();
        var released = (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull();

        published["Opportunity__c"].ShouldBeNull();
        held["Opportunity__c"].ShouldBeNull();
        held["Name"].ShouldBe("Acme RFP 2027");
        heldNote.ShouldStartWith("Update held: ");
        heldNote.ShouldContain("allowAssociation is off");
        released["Name"].ShouldBe("Acme RFP 2027 (renewal)");
        released["Opportunity__c"].ShouldBeNull();
        (await PairOfAsync(project.Id)).Note.ShouldBeEmpty();
    }

    [Fact]
    public async Task AssociationObjects_TypeNotAllowed_ProjectIsNotPublishedAndItsPairNamesTheAllowedTypes()
    {
        var account = await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        var project = _fixture.Store.CreateProject("Acme account plan", Due, ResponsiveFixture.Owner, account, "Account");
        await _fixture.ConnectAsync(("associationObjects", "Opportunity"));

        await _fixture.SyncAsync();

        (await _fixture.ReportingRecordAsync(project.Id)).ShouldBeNull();
        (await PairOfAsync(project.Id)).Note.ShouldContain("may not be associated with Account records on this instance (associationObjects: Opportunity)");
    }

    [Fact]
    public async Task SyncTiming_InactiveProject_WaitsForTheIntervalUntilOpenedThenSyncsAtOnce()
    {
        var (opportunity, project) = await ConnectWithActivityWindowAsync();
        var open = new TouchPairRequest { IntegrationId = ResponsiveFixture.IntegrationId, Mapping = "project", AppId = project.Id.ToString(CultureInfo.InvariantCulture) };
        _fixture.Store.Open(project.Id);
        await _fixture.Pairs.TouchPairAsync(open);
        await _fixture.SyncAsync();
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(100_000m);

        _fixture.AdvanceClocks(TimeSpan.FromMinutes(30));
        await _fixture.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 110_000m });
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(10));
        await _fixture.SyncAsync();
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(110_000m);

        _fixture.AdvanceClocks(TimeSpan.FromHours(2));
        await _fixture.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 130_000m });
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(10));
        await _fixture.SyncAsync();
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(110_000m);

        _fixture.Store.Open(project.Id);
        await _fixture.Pairs.TouchPairAsync(open);
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(130_000m);
    }

    [Fact]
    public async Task SyncTiming_ActivityRecordedInResponsive_KeepsTheProjectActiveButThePlatformsOwnWritesDoNot()
    {
        var (opportunity, project) = await ConnectWithActivityWindowAsync();

        _fixture.AdvanceClocks(TimeSpan.FromHours(2));
        await _fixture.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 110_000m });
        _fixture.Store.Open(project.Id);
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(10));
        await _fixture.SyncAsync();
        await _fixture.SyncAsync();
        var afterActivity = _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize;

        _fixture.AdvanceClocks(TimeSpan.FromHours(2));
        await _fixture.User.UpdateAsync("Opportunity", opportunity, new Dictionary<string, object?> { ["Amount"] = 130_000m });
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(10));
        await _fixture.SyncAsync();
        await _fixture.SyncAsync();

        afterActivity.ShouldBe(110_000m);
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(110_000m);
    }

    [Fact]
    public async Task Instances_OneResponsiveOrganisation_ConnectsSeveralSalesforceInstances()
    {
        var second = Platform.Host.Sandbox.SampleIntegration.Instance("emea", _fixture.Salesforce);
        second.Name = "EMEA org";
        second.BusinessUnit = "EMEA";
        await _fixture.Instances.CreateInstanceAsync(second);

        await _fixture.ConnectAsync();
        var emea = await _fixture.ConnectAsync("responsive-emea", "emea");
        var status = await _fixture.Instances.TestConnectionAsync(new TestConnectionRequest { Id = "emea" });

        emea.InstanceId.ShouldBe("emea");
        (await _fixture.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest())).Integrations.Count(i => i.ConnectorId == "responsive").ShouldBe(2);
        status.Succeeded.ShouldBeTrue();
        status.ApiAllocated.ShouldBeGreaterThan(0);
    }

    /// <summary>An Opportunity with one associated project, connected with a one-hour activity window, after a first cycle.</summary>
    private async Task<(string Opportunity, WorkRecord Project)> ConnectWithActivityWindowAsync()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 100_000m);
        var project = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, opportunity);
        var request = _fixture.Request();
        request.Schedule.ActivityWindow = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1));
        await _fixture.Integrations.CreateIntegrationAsync(request);
        await _fixture.SyncAsync();
        return (opportunity, project);
    }

    private void Change(long projectId, JsonObject body) => _fixture.Store.Update(WorkKind.Project, projectId, body).Error.ShouldBeNull();

    private async Task<Pair> PairOfAsync(long projectId) =>
        await _fixture.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ResponsiveFixture.IntegrationId, Mapping = "project", AppId = projectId.ToString(CultureInfo.InvariantCulture) });
}
