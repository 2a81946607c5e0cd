using Orleans.Storage;

namespace Platform.Storage.Postgres.Tests;

public sealed class PostgresGrainStorageTests
{
    private readonly GrainId _grain = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Write_ThenReadThroughAnotherSilosHandle_ReturnsTheStateAndItsVersion()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var written = new GrainState<Counter> { State = new Counter { Value = 7 } };

        await harness.Storage.WriteStateAsync("counter", _grain, written);
        await using var other = harness.Open();
        var read = new GrainState<Counter>();
        await harness.CreateStorage(other).ReadStateAsync("counter", _grain, read);

        written.ETag.ShouldBe("1");
        (read.RecordExists, read.ETag, read.State!.Value).ShouldBe((true, "1", 7));
    }

    [Fact]
    public async Task Write_StaleEtag_ThrowsAndKeepsTheNewerState()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });
        var first = await ReadAsync(harness);
        var second = await ReadAsync(harness);
        first.State = new Counter { Value = 2 };
        await harness.Storage.WriteStateAsync("counter", _grain, first);

        second.State = new Counter { Value = 3 };
        var error = await Should.ThrowAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("counter", _grain, second));

        error.StoredEtag.ShouldBe("2");
        (await ReadAsync(harness)).State!.Value.ShouldBe(2);
    }

    [Fact]
    public async Task Write_TwoFirstWritesRace_OnlyOneWins()
    {
        await using var harness = await PostgresHarness.StartAsync();
        var writes = Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = i } });
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }).ToList();

        (await Task.WhenAll(writes)).Count(won => won).ShouldBe(1);
    }

    [Fact]
    public async Task Clear_ThenStaleWrite_IsRefusedSoClearedStateStaysCleared()
    {
        await using var harness = await PostgresHarness.StartAsync();
        await harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });
        var stale = await ReadAsync(harness);
        var current = await ReadAsync(harness);

        await harness.Storage.ClearStateAsync("counter", _grain, current);

        await Should.ThrowAsync<InconsistentStateException>(() => harness.Storage.WriteStateAsync("counter", _grain, stale));
        var read = await ReadAsync(harness);
        (read.RecordExists, read.ETag).ShouldBe((false, "2"));
    }

    private async Task<GrainState<Counter>> ReadAsync(PostgresHarness harness)
    {
        var state = new GrainState<Counter>();
        await harness.Storage.ReadStateAsync("counter", _grain, state);
        return state;
    }
}
