using Platform.Sdk;
using Platform.Sync;

namespace Platform.Storage.Postgres.Tests;

public sealed class PostgresStoresTests
{
    private static PairState Pair(string id, string? appId = null, string? salesforceId = null) => new()
    {
        IntegrationId = "int-1",
        Mapping = "clients",
        PairId = id,
        AppId = appId,
        SalesforceId = salesforceId,
        Status = appId is not null && salesforceId is not null ? PairStatus.Linked : appId is null ? PairStatus.SalesforceOnly : PairStatus.AppOnly,
    };

    [Fact]
    public async Task Database_ManySilosInitialisingAtOnce_ApplyEachMigrationOnce()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var handles = Enumerable.Range(0, 6).Select(_ => harness.Open()).ToList();

        await Task.WhenAll(handles.Select(h => h.EnsureInitializedAsync()));

        foreach (var handle in handles)
        {
            await handle.PingAsync();
            await handle.DisposeAsync();
        }
    }

    [Fact]
    public async Task PairSave_StaleVersionOrTakenRecordId_ThrowsTheMatchingConflict()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Pairs.SaveAsync(Pair("p1", "a1", "001A"));
        var first = (await harness.Pairs.GetAsync("int-1", "p1"))!;
        var second = (await harness.Pairs.GetAsync("int-1", "p1"))!;
        first.Note = "first";
        await harness.Pairs.SaveAsync(first);

        second.Note = "second";
        (await Should.ThrowAsync<PairConflictException>(() => harness.Pairs.SaveAsync(second))).RecordIdTaken.ShouldBeFalse();
        (await Should.ThrowAsync<PairConflictException>(() => harness.Pairs.SaveAsync(Pair("p2", "a2", "001A")))).RecordIdTaken.ShouldBeTrue();
        (await harness.Pairs.GetAsync("int-1", "p1"))!.Note.ShouldBe("first");
    }

    [Fact]
    public async Task PairSaves_ManyAtOnceWithOneTakenIdAndOneStaleVersion_OnlyThoseTwoFail()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Pairs.SaveAsync(Pair("taken", "a-taken", "001T"));
        await harness.Pairs.SaveAsync(Pair("stale", "a-stale", "001S"));
        var stale = (await harness.Pairs.GetAsync("int-1", "stale"))!;
        var fresh = (await harness.Pairs.GetAsync("int-1", "stale"))!;
        fresh.Note = "saved first";
        await harness.Pairs.SaveAsync(fresh);
        stale.Note = "too late";

        var saves = Enumerable.Range(0, 300).Select(i => Pair($"p{i}", $"a{i}", $"001{i:D3}"))
            .Append(Pair("thief", "a-thief", "001T"))
            .Append(stale)
            .Select(async pair =>
            {
                try
                {
                    await harness.Pairs.SaveAsync(pair);
                    return (pair.PairId, Error: (PairConflictException?)null);
                }
                catch (PairConflictException e)
                {
                    return (pair.PairId, Error: e);
                }
            }).ToList();
        var results = await Task.WhenAll(saves);

        results.Where(r => r.Error is not null).Select(r => (r.PairId, r.Error!.RecordIdTaken)).ShouldBe([("thief", true), ("stale", false)], ignoreOrder: true);
        (await harness.Pairs.CountAsync("int-1", "clients")).Values.Sum().ShouldBe(302);
        (await harness.Pairs.GetAsync("int-1", "stale"))!.Note.ShouldBe("saved first");
        (await harness.Pairs.GetAsync("int-1", "p299"))!.Version.ShouldBe(1);
    }

    [Fact]
    public async Task PairLookups_FindPairsCounterpartsAndUnpairedMatchKeys()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Pairs.SaveAsync(Pair("p1", "a1", "001A"));
        var appOnly = Pair("p2", "a2");
        appOnly.AppMatchKey = "ann@example.com";
        await harness.Pairs.SaveAsync(appOnly);

        (await harness.Pairs.FindByRecordIdsAsync("int-1", "clients", Side.App, ["a1", "a2", "a9"])).ShouldBe(new Dictionary<string, string> { ["a1"] = "p1", ["a2"] = "p2" }, ignoreOrder: true);
        (await harness.Pairs.FindCounterpartsAsync("int-1", "clients", Side.App, ["a1", "a2"])).ShouldBe(new Dictionary<string, string> { ["a1"] = "001A" });
        (await harness.Pairs.FindUnpairedByMatchKeysAsync("int-1", "clients", Side.App, ["ann@example.com"])).ShouldBe(new Dictionary<string, string> { ["ann@example.com"] = "p2" });
        (await harness.Pairs.ListAsync(new PairQuery { IntegrationId = "int-1", UnpairedOnly = true })).Select(p => p.PairId).ShouldBe(["p2"]);
        (await harness.Pairs.CountAsync("int-1", "clients")).ShouldBe(new Dictionary<PairStatus, long> { [PairStatus.Linked] = 1, [PairStatus.AppOnly] = 1 }, ignoreOrder: true);
    }

    [Fact]
    public async Task SyncLog_AppendThenQuery_ReturnsNewestFirstAndFiltersByTextCaseInsensitively()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
        await harness.Log.AppendAsync(
        [
            new SyncLogEntry { At = at, IntegrationId = "int-1", Operation = "create", State = "succeeded", Message = "Created Acme", Target = Side.Salesforce },
            new SyncLogEntry { At = at, IntegrationId = "int-1", Operation = "update", State = "failed", Message = "Rejected", Error = "FIELD_CUSTOM_VALIDATION_EXCEPTION", Sequence = 3 },
        ]);

        var all = await harness.Log.QueryAsync(new SyncLogQuery { IntegrationId = "int-1" });
        var found = await harness.Log.QueryAsync(new SyncLogQuery { IntegrationId = "int-1", Text = "custom_validation" });

        all.Select(e => e.Operation).ShouldBe(["update", "create"]);
        (all[1].At, all[1].Target, all[0].Sequence, all[0].Target).ShouldBe((at, Side.Salesforce, 3L, (Side?)null));
        found.ShouldHaveSingleItem().Operation.ShouldBe("update");
    }

    [Fact]
    public async Task EntryMarks_SetAndRemoved_AreReadBack()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var entry = await harness.Entries.AddAsync(new ReceiverEntry { IntegrationId = "int-1", ReceivedAt = DateTimeOffset.UtcNow, Action = "Won", TriggerObject = "Opportunity", TriggerId = "006A" });
        await harness.Entries.UpdateAsync(entry with { Status = EntryStatus.Processed, Attempts = 1 });
        await harness.Entries.SetMarksAsync("int-1", "Opportunity", new Dictionary<string, string?> { ["006A"] = "Won", ["006B"] = "Lost" });
        await harness.Entries.SetMarksAsync("int-1", "Opportunity", new Dictionary<string, string?> { ["006B"] = null });

        (await harness.Entries.GetAsync("int-1", entry.Id))!.Status.ShouldBe(EntryStatus.Processed);
        (await harness.Entries.GetMarksAsync("int-1", "Opportunity", ["006A", "006B"])).ShouldBe(new Dictionary<string, string> { ["006A"] = "Won" });
    }

    [Fact]
    public async Task GatewayFeed_RecordPushedAgain_MovesToTheEndAndConcurrentPushesKeepPositionsInCommitOrder()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Gateway.PushAsync("int-1", "lead", [Record("r1"), Record("r2"), Record("r1", "again")]);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => harness.Gateway.PushAsync("int-1", "lead", [Record($"c{i}")])));

        var feed = await harness.Gateway.ReadChangesAsync("int-1", "lead", 0, 100);

        feed.Take(2).Select(r => (r.Id, r.Values["name"])).ShouldBe([("r2", "r2"), ("r1", "again")]);
        feed.Count.ShouldBe(22);
        feed.Select(r => r.Position).ShouldBeInOrder();
    }

    [Fact]
    public async Task GatewayWrites_QueuedTwiceWithOneKey_AreQueuedOnceAndAcknowledgedOnce()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var write = new GatewayWrite { IntegrationId = "int-1", Entity = "lead", Kind = "create", IdempotencyKey = "k1", QueuedAt = DateTimeOffset.UtcNow };

        var queued = await harness.Gateway.EnqueueAsync([write, write with { Kind = "update" }]);
        var acknowledged = await harness.Gateway.AcknowledgeAsync("int-1", queued[0].Sequence, new GatewayWriteResult { RecordId = "L1" }, DateTimeOffset.UtcNow);
        var again = await harness.Gateway.AcknowledgeAsync("int-1", queued[0].Sequence, new GatewayWriteResult { ErrorCode = "LATE" }, DateTimeOffset.UtcNow);

        queued.Select(w => (w.Sequence, w.Kind)).Distinct().ShouldHaveSingleItem().Kind.ShouldBe("create");
        acknowledged!.Result!.RecordId.ShouldBe("L1");
        again.ShouldBeNull();
        (await harness.Gateway.PendingWritesAsync("int-1", 0, 10)).ShouldBeEmpty();
    }

    private static GatewayRecord Record(string id, string? name = null) => new() { Id = id, Values = new Dictionary<string, string?> { ["name"] = name ?? id } };
}
