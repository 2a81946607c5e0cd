using Platform.Emulators.Salesforce.Model;

namespace Platform.Salesforce.Tests;

public sealed class BulkWriteTests
{
    private static readonly WriteOptions Bulk = new() { Mode = WriteMode.Bulk };

    private static Dictionary<string, object?> Account(int i) => new() { ["Name"] = $"Bulk {i}", ["Industry"] = "Banking" };

    [Fact]
    public async Task BulkCreate_JobFailsPartWay_CommittedRowsSucceedAndTheRestAreRetryable()
    {
        await using var harness = await Harness.StartAsync();
        harness.Emulator.Org.Settings.BulkIngestRowLimit = 60;

        var results = await harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 100).Select(Account)], Bulk);

        results.Take(60).ShouldAllBe(r => r.Success && r.Id != null, "rows Salesforce committed before the job failed are saved, not failures");
        var rest = results.Skip(60).ToList();
        rest.ShouldAllBe(r => !r.Success && r.ErrorKind == SalesforceErrorKind.Transient);
        rest[0].Errors[0].ErrorCode.ShouldBe("BULK_ROW_UNPROCESSED");
        rest[0].Errors[0].Message.ShouldContain("Processing stopped after 60 rows");
        (await harness.Client.CountAsync(new Soql("SELECT COUNT() FROM Account WHERE Industry = 'Banking'"))).ShouldBe(60);
        (await harness.Client.GetAsync("Account", results[59].Id!, ["Name"]))!["Name"].ShouldBe("Bulk 59");
    }

    [Fact]
    public async Task BulkUpdate_EveryRowSucceeds_ReadsNoResultFiles()
    {
        await using var harness = await Harness.StartAsync();
        var created = await harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 50).Select(Account)], Bulk);

        var updated = await harness.Client.UpdateManyAsync("Account", [.. created.Select(r => new RecordWrite(r.Id, new Dictionary<string, object?> { ["Industry"] = "Energy" }))], Bulk);

        updated.Select(r => (r.Success, r.Id)).ShouldBe(created.Select(r => (true, r.Id)));
        harness.EmulatorCalls("/successfulResults").ShouldBe(1, "only the create needed its new ids");
        harness.EmulatorCalls("/failedResults").ShouldBe(0, "no row failed in either job");
        (await harness.Client.CountAsync(new Soql("SELECT COUNT() FROM Account WHERE Industry = 'Energy'"))).ShouldBe(50);
    }

    [Fact]
    public async Task BulkCreate_NoAnswerAfterTheUploadClosed_ThrowsWithTheOutcomeUnknown()
    {
        await using var harness = await Harness.StartAsync();
        harness.Emulator.Org.Faults.Set([new FaultRule { Method = "GET", PathContains = "/jobs/ingest/", Kind = FaultKind.ServerError }]);

        var failure = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 10).Select(Account)], Bulk));

        failure.OutcomeUnknown.ShouldBeTrue("Salesforce may have processed the rows; a blind retry could duplicate them");
        harness.Emulator.Org.Faults.Clear();
        (await harness.Client.CountAsync(new Soql("SELECT COUNT() FROM Account"))).ShouldBe(10, "here the job did run");
    }

    [Fact]
    public async Task BulkCreate_UploadRefused_AbortsTheJobAndNothingIsWritten()
    {
        await using var harness = await Harness.StartAsync();
        harness.Emulator.Org.Faults.Set([new FaultRule { Method = "PUT", PathContains = "/batches", Kind = FaultKind.ServerError }]);

        var failure = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 10).Select(Account)], Bulk));

        failure.OutcomeUnknown.ShouldBeFalse("nothing was uploaded, so nothing can have run");
        harness.Emulator.Org.Calls.Calls.ShouldContain(c => c.Method == "PATCH" && c.Path.Contains("/jobs/ingest/", StringComparison.Ordinal), "the open job is aborted");
        harness.Emulator.Org.Faults.Clear();
        (await harness.Client.CountAsync(new Soql("SELECT COUNT() FROM Account"))).ShouldBe(0);
    }
}
