using System.Globalization;
using Platform.Control.V1;
using Platform.Emulators.Responsive;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>Responsive intakes: published for reporting, created from Salesforce, associated under the same settings as projects.</summary>
public sealed class ResponsiveIntakeTests : IAsyncLifetime
{
    private const string Requester = "sam.sales@acme.example";
    private ResponsiveFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ResponsiveFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task Publish_IntakeSubmittedInResponsive_AppearsWithItsAssociationAndStatus()
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m);
        var intake = _fixture.Store.CreateIntake("Acme security questionnaire request", Requester, opportunity);
        await _fixture.ConnectAsync();

        await _fixture.SyncAsync();

        var published = (await IntakeRecordAsync(intake.Id)).ShouldNotBeNull();
        published["Name"].ShouldBe("Acme security questionnaire request");
        published["Requester__c"].ShouldBe(Requester);
        published["Status__c"].ShouldBe("Submitted");
        published["Opportunity__c"].ShouldBe(opportunity);
    }

    [Fact]
    public async Task CreateFromSalesforce_IntakeRecordWithoutId_CreatesTheIntakeOnceAndGetsItsId()
    {
        var account = await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        await _fixture.ConnectAsync();
        var record = await _fixture.User.CreateAsync("Responsive_Intake__c", new Dictionary<string, object?>
        {
            ["Name"] = "Acme RFP intake",
            ["Requester__c"] = Requester,
            ["Account__c"] = account,
        });

        await _fixture.SyncAsync();
        await _fixture.SyncAsync();

        var (intakes, total) = _fixture.Store.Search(WorkKind.Intake, null, account, null, 0, 10);
        total.ShouldBe(1);
        intakes[0].Name.ShouldBe("Acme RFP intake");
        intakes[0].CrmObjectType.ShouldBe("Account");
        var written = (await _fixture.User.GetAsync("Responsive_Intake__c", record, ["Responsive_Intake_Id__c"])).ShouldNotBeNull();
        written.Values["Responsive_Intake_Id__c"].ShouldBe(intakes[0].Id.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Association_IntakeOfATypeNotAllowed_IsNotPublishedAndItsPairSaysWhy()
    {
        var account = await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        var intake = _fixture.Store.CreateIntake("Acme account review", Requester, account, "Account");
        await _fixture.ConnectAsync(("associationObjects", "Opportunity"));

        await _fixture.SyncAsync();

        (await IntakeRecordAsync(intake.Id)).ShouldBeNull();
        var pair = await _fixture.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = ResponsiveFixture.IntegrationId, Mapping = "intake", AppId = intake.Id.ToString(CultureInfo.InvariantCulture) });
        pair.Note.ShouldContain("may not be associated with Account records");
    }

    private async Task<IReadOnlyDictionary<string, object?>?> IntakeRecordAsync(long intakeId)
    {
        var id = intakeId.ToString(CultureInfo.InvariantCulture);
        await foreach (var record in _fixture.User.ReadAsync(Soql.Format($"SELECT Id, Name, Requester__c, Status__c, Opportunity__c, Account__c FROM Responsive_Intake__c WHERE Responsive_Intake_Id__c = {id}")))
        {
            return record.Values;
        }

        return null;
    }
}
