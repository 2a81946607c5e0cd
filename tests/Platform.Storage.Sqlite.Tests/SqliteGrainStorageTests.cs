using Orleans.Storage;

namespace Platform.Storage.Sqlite.Tests;

public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private readonly StorageHarness _harness = new();
    private readonly GrainId _grain = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task Read_NothingStored_ReturnsEmptyStateWithoutEtag()
    {
        var state = await ReadAsync();

        (state.RecordExists, state.ETag, state.State!.Value).ShouldBe((false, null, 0));
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheStateAndItsVersion()
    {
        var written = new GrainState<Counter> { State = new Counter { Value = 7, Note = "seven" } };

        await _harness.Storage.WriteStateAsync("counter", _grain, written);
        var read = await ReadAsync();

        written.ETag.ShouldBe("1");
        (read.RecordExists, read.ETag, read.State).ShouldBe((true, "1", new Counter { Value = 7, Note = "seven" }));
    }

    [Fact]
    public async Task Write_SuccessiveWrites_IncrementTheVersion()
    {
        var state = new GrainState<Counter>();
        for (var i = 1; i <= 3; i++)
        {
            state.State = new Counter { Value = i };
            await _harness.Storage.WriteStateAsync("counter", _grain, state);
        }

        (await ReadAsync()).ETag.ShouldBe("3");
    }

    [Fact]
    public async Task Write_StaleEtag_ThrowsInconsistentStateAndKeepsTheNewerState()
    {
        var first = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await _harness.Storage.WriteStateAsync("counter", _grain, first);
        var stale = await ReadAsync();
        first.State = new Counter { Value = 2 };
        await _harness.Storage.WriteStateAsync("counter", _grain, first);

        stale.State = new Counter { Value = 99 };
        var error = await Should.ThrowAsync<InconsistentStateException>(() => _harness.Storage.WriteStateAsync("counter", _grain, stale));

        (error.StoredEtag, error.CurrentEtag).ShouldBe(("2", "1"));
        (await ReadAsync()).State!.Value.ShouldBe(2);
    }

    [Fact]
    public async Task Write_NoEtagButRowExists_ThrowsInconsistentState()
    {
        await _harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });

        await Should.ThrowAsync<InconsistentStateException>(() =>
            _harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 2 } }));
    }

    [Fact]
    public async Task Clear_ThenRead_RecordIsGoneButItsVersionAdvances()
    {
        var state = new GrainState<Counter> { State = new Counter { Value = 5 } };
        await _harness.Storage.WriteStateAsync("counter", _grain, state);

        await _harness.Storage.ClearStateAsync("counter", _grain, state);
        var read = await ReadAsync();

        (state.RecordExists, state.ETag, state.State!.Value).ShouldBe((false, "2", 0));
        (read.RecordExists, read.ETag, read.State!.Value).ShouldBe((false, "2", 0));
    }

    [Fact]
    public async Task Write_StaleActivationAfterClearAndRewrite_CannotOverwrite()
    {
        var live = new GrainState<Counter> { State = new Counter { Value = 1 } };
        await _harness.Storage.WriteStateAsync("counter", _grain, live);
        var stale = await ReadAsync();
        await _harness.Storage.ClearStateAsync("counter", _grain, live);
        live.State = new Counter { Value = 3 };
        await _harness.Storage.WriteStateAsync("counter", _grain, live);

        stale.State = new Counter { Value = 42 };
        await Should.ThrowAsync<InconsistentStateException>(() => _harness.Storage.WriteStateAsync("counter", _grain, stale));
        (await ReadAsync()).State!.Value.ShouldBe(3);
    }

    [Fact]
    public async Task Write_SameGrainDifferentStateNames_AreKeptApart()
    {
        await _harness.Storage.WriteStateAsync("a", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });
        await _harness.Storage.WriteStateAsync("b", _grain, new GrainState<Counter> { State = new Counter { Value = 2 } });

        var a = new GrainState<Counter>();
        await _harness.Storage.ReadStateAsync("a", _grain, a);
        a.State!.Value.ShouldBe(1);
    }

    [Fact]
    public async Task Write_ManyGrainsConcurrently_EveryWriteIsStored()
    {
        var grains = Enumerable.Range(0, 2000).Select(i => GrainId.Create("counter", $"concurrent-{i}")).ToList();

        await Task.WhenAll(grains.Select((g, i) =>
            _harness.Storage.WriteStateAsync("counter", g, new GrainState<Counter> { State = new Counter { Value = i } })));

        for (var i = 0; i < grains.Count; i += 97)
        {
            var read = new GrainState<Counter>();
            await _harness.Storage.ReadStateAsync("counter", grains[i], read);
            read.State!.Value.ShouldBe(i);
        }
    }

    [Fact]
    public async Task Read_AfterTheDatabaseIsReopened_ReturnsWhatWasWritten()
    {
        await _harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 11 } });

        await _harness.ReopenAsync();

        (await ReadAsync()).State!.Value.ShouldBe(11);
    }

    private async Task<GrainState<Counter>> ReadAsync()
    {
        var state = new GrainState<Counter>();
        await _harness.Storage.ReadStateAsync("counter", _grain, state);
        return state;
    }
}
