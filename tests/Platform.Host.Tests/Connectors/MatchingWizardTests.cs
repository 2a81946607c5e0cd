using System.Text.Json;
using Grpc.Core;
using Platform.Control.V1;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>The matching wizard over Channeltivity: suggestions, the four actions, master-system merge, and completion.</summary>
public sealed class MatchingWizardTests : IAsyncLifetime
{
    private ChanneltivityFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ChanneltivityFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task LinkSuggestion_SalesforceIsMaster_MergesFieldByFieldAndUpdatesBothSystems()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"), ("website", "https://acme.example"), ("city", "Berlin"));
        var account = await _fixture.PartnerAccountAsync("ACME Corporation", values: [("Website", "https://acme.com"), ("Phone", "+1 555 0100")]);
        await _fixture.SyncAsync();
        await _fixture.Matching.BeginMatchingAsync(new BeginMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Master = Side.Salesforce });

        var suggestion = (await _fixture.ListAsync()).Candidates.ShouldHaveSingleItem().Suggestions.ShouldHaveSingleItem();
        suggestion.ShouldSatisfyAllConditions(s => s.SalesforceId.ShouldBe(account), s => s.Score.ShouldBe(1));
        var result = (await _fixture.ResolveAsync(new MatchDecision { AppId = partner, Action = MatchAction.Link, SalesforceId = account })).Results.Single();

        result.ShouldSatisfyAllConditions(r => r.Applied.ShouldBeTrue(), r => r.Status.ShouldBe(PairStatus.Linked), r => r.SalesforceId.ShouldBe(account));
        var inSalesforce = (await _fixture.ReadAsync(Soql.Format($"SELECT Name, Website, Phone, BillingCity FROM Account WHERE Id = {account}"))).Single().Values;
        var inApp = _fixture.App.Records("partner")[partner];
        (inSalesforce["Name"], inApp["name"]).ShouldBe(("ACME Corporation", "ACME Corporation"));
        (inSalesforce["Website"], inApp["website"]).ShouldBe(("https://acme.com", "https://acme.com"));
        (inSalesforce["Phone"], inApp["phone"]).ShouldBe(("+1 555 0100", "+1 555 0100"));
        (inSalesforce["BillingCity"], inApp["city"]).ShouldBe(("Berlin", "Berlin"));
    }

    [Fact]
    public async Task LinkOtherAccount_MasterChangedToTheApp_AppValuesWinWhereBothHaveOne()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Acme Corp"), ("status", "Active"), ("website", "https://acme.example"));
        await _fixture.PartnerAccountAsync("Acme Corp");
        var other = await _fixture.PartnerAccountAsync("Acme Holdings (EU)", values: [("Website", "https://acme.eu"), ("Phone", "+49 30 1")]);
        await _fixture.SyncAsync();
        await _fixture.Matching.BeginMatchingAsync(new BeginMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Master = Side.Salesforce });
        var status = await _fixture.Matching.BeginMatchingAsync(new BeginMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Master = Side.App });

        var listed = await _fixture.ListAsync();
        await _fixture.ResolveAsync(new MatchDecision { AppId = partner, Action = MatchAction.Link, SalesforceId = other });

        status.Master.ShouldBe(Side.App);
        listed.Choices.Select(c => c.SalesforceId).ShouldContain(other);
        var inSalesforce = (await _fixture.ReadAsync(Soql.Format($"SELECT Name, Website, Phone FROM Account WHERE Id = {other}"))).Single().Values;
        inSalesforce["Name"].ShouldBe("Acme Corp");
        inSalesforce["Website"].ShouldBe("https://acme.example");
        _fixture.App.Records("partner")[partner]["phone"].ShouldBe("+49 30 1");
    }

    [Fact]
    public async Task CreateAndDoNotSync_EachAppliesAndCompletionSyncsTheRest()
    {
        await _fixture.ConnectAsync();
        var create = await _fixture.App.Save("partner", null, ("name", "Brand New Partner"), ("status", "Active"));
        var never = await _fixture.App.Save("partner", null, ("name", "Internal Test Partner"), ("status", "Active"));
        await _fixture.PartnerAccountAsync("Unmatched Account Co");
        await _fixture.SyncAsync();

        var resolved = await _fixture.ResolveAsync(
            new MatchDecision { AppId = create, Action = MatchAction.Create },
            new MatchDecision { AppId = never, Action = MatchAction.DoNotSync });
        var completed = await _fixture.Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId });
        await _fixture.App.Save("partner", never, ("city", "Nowhere"));
        await _fixture.SyncAsync();

        resolved.Results.Select(r => r.Status).ShouldBe([PairStatus.Linked, PairStatus.Excluded]);
        completed.Status.Matching.ShouldBeFalse();
        (await _fixture.ReadAsync(Soql.Format($"SELECT Name FROM Account ORDER BY Name"))).Select(a => a.Values["Name"]).ShouldBe(["Brand New Partner", "Unmatched Account Co"]);
        _fixture.App.Records("partner").Values.Select(p => p["name"]).ShouldBe(["Brand New Partner", "Internal Test Partner", "Unmatched Account Co"], ignoreOrder: true);
    }

    [Fact]
    public async Task RefreshData_AccountFlaggedDuringMatching_BecomesASuggestion()
    {
        await _fixture.ConnectAsync();
        await _fixture.App.Save("partner", null, ("name", "Globex"), ("status", "Active"));
        var account = await _fixture.PartnerAccountAsync("Globex Inc", flagged: false);
        await _fixture.SyncAsync();
        (await _fixture.ListAsync()).Candidates.Single().Suggestions.ShouldBeEmpty();

        await _fixture.User.UpdateAsync("Account", account, new Dictionary<string, object?> { ["Sync_with_Channeltivity__c"] = true });
        await _fixture.SyncAsync();

        (await _fixture.ListAsync()).Candidates.Single().Suggestions.ShouldHaveSingleItem().SalesforceId.ShouldBe(account);
    }

    [Fact]
    public async Task Complete_WithUndecidedPartners_IsRefusedAndNothingIsWritten()
    {
        await _fixture.ConnectAsync();
        await _fixture.App.Save("partner", null, ("name", "Globex"), ("status", "Active"));
        await _fixture.SyncAsync();

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        error.Status.Detail.ShouldContain("1 undecided");
        (await _fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task BadDecisions_AreRefusedNamingTheFieldOrReportedPerDecision()
    {
        await _fixture.ConnectAsync();
        var partner = await _fixture.App.Save("partner", null, ("name", "Globex"), ("status", "Active"));
        var unflagged = await _fixture.PartnerAccountAsync("Globex", flagged: false);
        await _fixture.SyncAsync();

        var missing = await Should.ThrowAsync<RpcException>(() => _fixture.ResolveAsync(new MatchDecision { AppId = partner, Action = MatchAction.Link }));
        var result = (await _fixture.ResolveAsync(new MatchDecision { AppId = partner, Action = MatchAction.Link, SalesforceId = unflagged })).Results.Single();

        missing.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        missing.Status.Detail.ShouldContain("decisions[0].salesforce_id");
        result.Applied.ShouldBeFalse();
        result.Error.ShouldContain("flag it");
        (await _fixture.ListAsync()).Candidates.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task NotMatching_ListingIsRefused()
    {
        await _fixture.SyncingAsync();

        var error = await Should.ThrowAsync<RpcException>(() => _fixture.ListAsync());

        error.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
    }
}

/// <summary>A wizard run over a few hundred partners whose Salesforce accounts have near-duplicate names.</summary>
public sealed class MatchingWizardScaleTests
{
    private const int Partners = 300;

    [Fact]
    public async Task ThreeHundredPartners_NearDuplicateNames_TheBestSuggestionIsTheRightAccountAndNothingIsDuplicated()
    {
        // Each partner's account carries a legal form and other case; a decoy with the digits swapped sits beside it.
        var accounts = Enumerable.Range(0, Partners).SelectMany(i => new[]
        {
            ("Account", Json(new { Name = $"NORTHWIND TRADERS {i:D3}, Inc.", Sync_with_Channeltivity__c = true, Channeltivity_Partner_Status__c = "Active Partner", Phone = $"+1 555 {i:D4}" })),
            ("Account", Json(new { Name = $"Northwind Traders {Swap(i):D3} West", Sync_with_Channeltivity__c = true, Channeltivity_Partner_Status__c = "Active Partner" })),
        }).Where((_, k) => k % 2 == 0 || Swap(k / 2) != k / 2).ToArray();
        await using var fixture = await ChanneltivityFixture.StartAsync(ChanneltivityFixture.Seed(accounts));
        await fixture.ConnectAsync();
        var partners = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Partners; i++)
        {
            partners[await fixture.App.Save("partner", null, ("name", $"Northwind Traders {i:D3}"), ("status", "Active"))] = i;
        }

        await fixture.SyncAsync();
        var byId = (await fixture.ReadAsync(Soql.Format($"SELECT Id, Name FROM Account"))).ToDictionary(a => a.Id, a => (string)a.Values["Name"]!);
        var decisions = new List<MatchDecision>();
        var token = "";
        do
        {
            var page = await fixture.Matching.ListMatchesAsync(new ListMatchesRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", PageSize = 100, PageToken = token });
            foreach (var candidate in page.Candidates)
            {
                var best = candidate.Suggestions[0];
                byId[best.SalesforceId].ShouldBe($"NORTHWIND TRADERS {partners[candidate.AppId]:D3}, Inc.");
                best.Score.ShouldBe(1);
                decisions.Add(new MatchDecision { AppId = candidate.AppId, Action = MatchAction.Link, SalesforceId = best.SalesforceId });
            }

            token = page.NextPageToken;
        }
        while (token.Length > 0);

        var resolved = await fixture.Matching.ResolveMatchesAsync(new ResolveMatchesRequest { IntegrationId = ChanneltivityFixture.IntegrationId, Mapping = "partner", Decisions = { decisions } });
        var completed = await fixture.Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = ChanneltivityFixture.IntegrationId });

        decisions.Count.ShouldBe(Partners);
        resolved.Results.ShouldAllBe(r => r.Applied && r.Status == PairStatus.Linked);
        completed.Status.Mappings.Single(m => m.Mapping == "partner").Linked.ShouldBe(accounts.Length);
        (await fixture.ReadAsync(Soql.Format($"SELECT Id FROM Account"))).Count.ShouldBe(accounts.Length);
        var app = fixture.App.Records("partner");
        app.Count.ShouldBe(accounts.Length);
        app.Values.Count(p => p.GetValueOrDefault("phone") is not null).ShouldBe(Partners);
    }

    private static int Swap(int i) => (i % 10 * 100) + (i / 10 % 10 * 10) + (i / 100);

    private static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);
}
