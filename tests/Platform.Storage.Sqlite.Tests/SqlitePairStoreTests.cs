using Platform.Sync;

namespace Platform.Storage.Sqlite.Tests;

public sealed class SqlitePairStoreTests : IAsyncLifetime
{
    private readonly StorageHarness _harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

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
    public async Task Save_ThenGet_RoundTripsTheStateAndBumpsTheVersion()
    {
        var pair = Pair("p1", "a1", "001A");
        pair.AppValues["name"] = "Acme";
        pair.Outbox.Add(new OutboxEntry { Sequence = 1, Target = Side.Salesforce, State = OutboxState.Pending, Values = { ["Name"] = "Acme" } });

        await _harness.Pairs.SaveAsync(pair);
        await _harness.ReopenAsync();
        var read = (await _harness.Pairs.GetAsync("int-1", "p1"))!;

        pair.Version.ShouldBe(1);
        read.Version.ShouldBe(1);
        read.AppValues["name"].ShouldBe("Acme");
        read.Outbox.ShouldHaveSingleItem().Values["Name"].ShouldBe("Acme");
    }

    [Fact]
    public async Task Save_StaleVersion_ThrowsAndKeepsTheNewerState()
    {
        await _harness.Pairs.SaveAsync(Pair("p1", "a1"));
        var first = (await _harness.Pairs.GetAsync("int-1", "p1"))!;
        var second = (await _harness.Pairs.GetAsync("int-1", "p1"))!;
        first.Note = "first";
        await _harness.Pairs.SaveAsync(first);

        second.Note = "second";
        await Should.ThrowAsync<PairConflictException>(() => _harness.Pairs.SaveAsync(second));

        (await _harness.Pairs.GetAsync("int-1", "p1"))!.Note.ShouldBe("first");
    }

    [Fact]
    public async Task Save_RecordIdHeldByAnotherPair_ThrowsSoARecordIsNeverPairedTwice()
    {
        await _harness.Pairs.SaveAsync(Pair("p1", "a1", "001A"));

        var ex = await Should.ThrowAsync<PairConflictException>(() => _harness.Pairs.SaveAsync(Pair("p2", "a2", "001A")));

        ex.Message.ShouldContain("001A");
    }

    [Fact]
    public async Task FindByRecordIds_ReturnsThePairsHoldingThem()
    {
        await _harness.Pairs.SaveAsync(Pair("p1", "a1", "001A"));
        await _harness.Pairs.SaveAsync(Pair("p2", "a2"));

        var bySalesforce = await _harness.Pairs.FindByRecordIdsAsync("int-1", "clients", Side.Salesforce, ["001A", "001Z"]);
        var byApp = await _harness.Pairs.FindByRecordIdsAsync("int-1", "clients", Side.App, ["a1", "a2", "a3"]);

        bySalesforce.ShouldBe(new Dictionary<string, string> { ["001A"] = "p1" });
        byApp.ShouldBe(new Dictionary<string, string> { ["a1"] = "p1", ["a2"] = "p2" }, ignoreOrder: true);
    }

    [Fact]
    public async Task FindUnpairedByMatchKeys_OnlyFindsPairsStillWaitingForACounterpart()
    {
        var waiting = Pair("p1", salesforceId: "001A");
        waiting.SalesforceMatchKey = "ACME";
        var linked = Pair("p2", "a2", "001B");
        linked.SalesforceMatchKey = "GLOBEX";
        await _harness.Pairs.SaveAsync(waiting);
        await _harness.Pairs.SaveAsync(linked);

        var found = await _harness.Pairs.FindUnpairedByMatchKeysAsync("int-1", "clients", Side.Salesforce, ["ACME", "GLOBEX"]);

        found.ShouldBe(new Dictionary<string, string> { ["ACME"] = "p1" });
    }

    [Fact]
    public async Task List_FiltersByStatusAndOpenWritesAndPagesByPairId()
    {
        for (var i = 0; i < 5; i++)
        {
            var pair = Pair($"p{i}", $"a{i}", i % 2 == 0 ? $"001{i}" : null);
            if (i == 4)
            {
                pair.Outbox.Add(new OutboxEntry { Sequence = 1, State = OutboxState.Failed, Retryable = false });
            }

            await _harness.Pairs.SaveAsync(pair);
        }

        var linked = await _harness.Pairs.ListAsync(new PairQuery { IntegrationId = "int-1", Status = PairStatus.Linked, Limit = 2 });
        var next = await _harness.Pairs.ListAsync(new PairQuery { IntegrationId = "int-1", Status = PairStatus.Linked, After = linked[^1].PairId });
        var attention = await _harness.Pairs.ListAsync(new PairQuery { IntegrationId = "int-1", NeedsAttentionOnly = true });
        var counts = await _harness.Pairs.CountAsync("int-1");

        linked.Select(p => p.PairId).ShouldBe(["p0", "p2"]);
        next.Select(p => p.PairId).ShouldBe(["p4"]);
        attention.ShouldHaveSingleItem().PairId.ShouldBe("p4");
        counts[PairStatus.Linked].ShouldBe(3);
        counts[PairStatus.AppOnly].ShouldBe(2);
    }

    [Fact]
    public async Task SyncLog_QueryByRecordStateAndText_NewestFirstWithPaging()
    {
        var at = DateTimeOffset.UnixEpoch.AddDays(20_000);
        await _harness.Log.AppendAsync([
            new SyncLogEntry { At = at, IntegrationId = "int-1", AppId = "a1", Operation = "update", State = "succeeded", Message = "Name changed", Payload = """{"Name":"Acme"}""" },
            new SyncLogEntry { At = at.AddSeconds(1), IntegrationId = "int-1", AppId = "a1", SalesforceId = "001A", Operation = "update", State = "failed", Message = "refused", Error = "STRING_TOO_LONG: 100% too long" },
            new SyncLogEntry { At = at.AddSeconds(2), IntegrationId = "int-2", AppId = "a1", Operation = "create", State = "succeeded", Message = "created" },
        ]);

        var forRecord = await _harness.Log.QueryAsync(new SyncLogQuery { IntegrationId = "int-1", RecordId = "a1" });
        var failed = await _harness.Log.QueryAsync(new SyncLogQuery { State = "failed" });
        var text = await _harness.Log.QueryAsync(new SyncLogQuery { Text = "100%" });
        var page = await _harness.Log.QueryAsync(new SyncLogQuery { IntegrationId = "int-1", Before = forRecord[0].Id });
        var window = await _harness.Log.QueryAsync(new SyncLogQuery { From = at.AddSeconds(1), To = at.AddSeconds(2) });

        forRecord.Select(e => e.Message).ShouldBe(["refused", "Name changed"]);
        failed.ShouldHaveSingleItem().SalesforceId.ShouldBe("001A");
        text.ShouldHaveSingleItem().ErrorCode.ShouldBeNull();
        page.ShouldHaveSingleItem().Message.ShouldBe("Name changed");
        window.ShouldHaveSingleItem().State.ShouldBe("failed");
    }
}
