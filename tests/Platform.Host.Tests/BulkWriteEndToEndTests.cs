using Platform.Control.V1;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests;

public sealed class BulkWriteEndToEndTests
{
    private const int AppRecords = 2500;

    /// <summary>Jobs of 1,000 records, so a few thousand records make several jobs.</summary>
    private const string JobsOf1000 = "Platform:Sync:BulkJobSize=1000";

    [Fact]
    public async Task InitialSync_MoreCreatesThanTheBulkThreshold_GoThroughBulkJobsWithNoDuplicates()
    {
        await using var sync = await SyncFixture.StartAsync(hostSettings: JobsOf1000);
        var emails = PutAppContacts(sync);
        await sync.ConnectAsync(SampleIntegration.Contacts());

        var report = await sync.SyncAsync();

        report.WritesToSalesforce.ShouldBe(AppRecords);
        report.Failures.ShouldBe(0);
        var calls = sync.Salesforce.Org.Calls.Calls;
        calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/jobs/ingest", StringComparison.Ordinal)).ShouldBe(3, "2,500 creates in jobs of 1,000");
        calls.ShouldNotContain(c => c.Path.Contains("/composite/sobjects", StringComparison.Ordinal), "no Collections call above the threshold");
        report.SalesforceApiCalls.ShouldBeLessThan(40, "about six calls per job, against 13 Collections calls for the same records");
        (await sync.SalesforceContactsAsync()).Values.Select(r => (string?)r.Values["Email"]).ShouldBe(emails, ignoreOrder: true);
        var settle = await sync.SyncAsync();
        (settle.WritesToApp + settle.WritesToSalesforce).ShouldBe(0, "every created record was paired from the job's results");
    }

    [Fact]
    public async Task BulkJobFailingPartWay_CommittedRowsArePairedAndTheRestRetriedWithoutDuplicates()
    {
        await using var sync = await SyncFixture.StartWithClockAsync(JobsOf1000);
        var emails = PutAppContacts(sync);
        await sync.ConnectAsync(SampleIntegration.Contacts());
        sync.Salesforce.Org.Settings.BulkIngestRowLimit = 700;

        var first = await sync.SyncAsync();

        first.WritesToSalesforce.ShouldBe(1900, "rows committed before a job failed count as written");
        first.Failures.ShouldBe(600, "two jobs stopped after 700 of their 1,000 rows; the last job's 500 all ran");
        var unprocessed = await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "failed", PageSize = 1 });
        unprocessed.Entries.ShouldHaveSingleItem().ErrorCode.ShouldBe("BULK_ROW_UNPROCESSED");
        unprocessed.Entries[0].Error.ShouldContain("Processing stopped after 700 rows");
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(1900);

        sync.Salesforce.Org.Settings.BulkIngestRowLimit = null;
        sync.AdvanceClocks(TimeSpan.FromMinutes(2));
        var retry = await sync.SyncAsync();

        retry.WritesToSalesforce.ShouldBe(600, "only the unprocessed rows are sent again");
        retry.Failures.ShouldBe(0);
        (await sync.SalesforceContactsAsync()).Values.Select(r => (string?)r.Values["Email"]).ShouldBe(emails, ignoreOrder: true, "nothing lost, nothing duplicated");
        var pairs = await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts", NeedsAttention = true });
        pairs.Pairs.ShouldBeEmpty();
    }

    [Fact]
    public async Task BulkCreate_JobAnswerLost_CreatesWaitForReviewAndTheNextReadSettlesThemWithoutDuplicates()
    {
        await using var sync = await SyncFixture.StartAsync(hostSettings: "Platform:Sync:BulkWriteThreshold=200");
        var emails = PutAppContacts(sync, count: 300);
        await sync.ConnectAsync(SampleIntegration.Contacts());
        sync.Salesforce.Org.Faults.Set([new FaultRule { Method = "GET", PathContains = "/jobs/ingest/", Kind = FaultKind.ServerError }]);

        var first = await sync.SyncAsync();

        first.Failures.ShouldBe(300, "the job ran, but its state could not be read: not one create is known to have worked");
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(300);
        (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "needsreview", PageSize = 1 })).Entries
            .ShouldHaveSingleItem().ErrorCode.ShouldBe("OUTCOME_UNKNOWN", "retrying blindly could duplicate every record");

        sync.Salesforce.Org.Faults.Clear();
        var next = await sync.SyncAsync();

        next.WritesToSalesforce.ShouldBe(0, "the records the job made were found by e-mail in the feed, not created again");
        (await sync.SalesforceContactsAsync()).Values.Select(r => (string?)r.Values["Email"]).ShouldBe(emails, ignoreOrder: true);
        (await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts", NeedsAttention = true })).Pairs.ShouldBeEmpty();
    }

    private static List<string> PutAppContacts(SyncFixture sync, int count = AppRecords) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var email = $"bulk{i}@example.com";
            sync.App.Put("contact", null, ("firstName", "Bulk"), ("lastName", $"Person {i}"), ("email", email));
            return email;
        })];
}
