using Platform.Control.V1;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests;

public sealed class DeletesEndToEndTests
{
    /// <summary>getDeleted works by whole minutes; moving both clocks past the next minute lets a cycle read it.</summary>
    private static readonly TimeSpan PastTheNextMinute = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task SalesforceDelete_InTheDeleteLog_DeletesTheAppRecord()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        var (kept, gone) = await PairTwoContactsAsync(sync);

        await sync.User.DeleteAsync("Contact", gone.SalesforceId);
        sync.AdvanceClocks(PastTheNextMinute);
        var report = await sync.SyncAsync();

        report.WritesToApp.ShouldBe(1, "the delete");
        sync.App.Values("contact", gone.AppId).ShouldBeNull();
        sync.App.Values("contact", kept.AppId).ShouldNotBeNull();
        (await sync.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = "contacts", PairId = gone.PairId })).Status.ShouldBe(PairStatus.Deleted);
        (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "gap" })).Entries.ShouldBeEmpty();
    }

    [Fact]
    public async Task SalesforceDeletes_OlderThanTheDeleteLog_AreFoundByComparingIdsAndTheGapIsLogged()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        var (kept, gone) = await PairTwoContactsAsync(sync);

        await sync.User.DeleteAsync("Contact", gone.SalesforceId);
        sync.AdvanceClocks(PastTheNextMinute);
        await sync.TruncateDeleteLogAsync("Contact");
        var report = await sync.SyncAsync();

        report.WritesToApp.ShouldBe(1, "the delete, found although the log forgot it");
        sync.App.Values("contact", gone.AppId).ShouldBeNull();
        sync.App.Values("contact", kept.AppId).ShouldNotBeNull("a record that still exists is not taken for deleted");
        var gap = (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "gap" })).Entries.ShouldHaveSingleItem();
        gap.Operation.ShouldBe("deletes");
        gap.Message.ShouldContain("comparing every record id");
        sync.AdvanceClocks(PastTheNextMinute);
        (await sync.SyncAsync()).WritesToApp.ShouldBe(0, "the delete log reaches back again: no second diff, nothing more to do");
        (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "gap" })).Entries.Count.ShouldBe(1);
    }

    private static async Task<(PairSummary Kept, PairSummary Gone)> PairTwoContactsAsync(SyncFixture sync)
    {
        sync.App.Put("contact", null, ("lastName", "Kept"), ("email", "kept@example.com"));
        sync.App.Put("contact", null, ("lastName", "Gone"), ("email", "gone@example.com"));
        var mapping = SampleIntegration.Contacts();
        mapping.DeletePolicy = DeletePolicy.Delete;
        await sync.ConnectAsync(mapping);
        await sync.SyncAsync();
        var pairs = (await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts" })).Pairs;
        pairs.Count.ShouldBe(2);
        pairs.ShouldAllBe(p => p.Status == PairStatus.Linked);
        return (pairs.Single(p => sync.App.Values("contact", p.AppId)!["lastName"] == "Kept"), pairs.Single(p => sync.App.Values("contact", p.AppId)!["lastName"] == "Gone"));
    }
}
