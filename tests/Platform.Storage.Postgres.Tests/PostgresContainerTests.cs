using DotNet.Testcontainers.Containers;
using Npgsql;
using Platform.Sync;
using Platform.Testing;

namespace Platform.Storage.Postgres.Tests;

/// <summary>The stores on a PostgreSQL server of their own in a container, which the tests stop and start again.</summary>
public sealed class PostgresContainerTests
{
    private readonly GrainId _grain = GrainId.Create("counter", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Stores_FreshServer_MigrateAndServeEveryStore()
    {
        var (container, connectionString) = await StartAsync();
        await using var _ = container;
        await using var harness = PostgresHarness.On(connectionString);

        await harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });
        await harness.Pairs.SaveAsync(Linked("p1"));
        await harness.Log.AppendAsync([new SyncLogEntry { At = DateTimeOffset.UtcNow, IntegrationId = "int-1", Operation = "create", State = "succeeded", Message = "Created" }]);
        await harness.Gateway.PushAsync("int-1", "lead", [new GatewayRecord { Id = "r1", Values = new Dictionary<string, string?> { ["name"] = "Ann" } }]);

        (await ReadAsync(harness.Storage)).State!.Value.ShouldBe(1);
        (await harness.Pairs.GetAsync("int-1", "p1"))!.SalesforceId.ShouldBe("001A");
        (await harness.Log.QueryAsync(new SyncLogQuery { IntegrationId = "int-1" })).ShouldHaveSingleItem();
        (await harness.Gateway.ReadChangesAsync("int-1", "lead", 0, 10)).ShouldHaveSingleItem().Id.ShouldBe("r1");
    }

    [Fact]
    public async Task Stores_ServerRestarts_FailWhileDownThenKeepTheirDataAndWriteAgain()
    {
        var (container, connectionString) = await StartAsync();
        await using var _ = container;
        await using var harness = PostgresHarness.On(connectionString);
        await harness.Storage.WriteStateAsync("counter", _grain, new GrainState<Counter> { State = new Counter { Value = 1 } });
        await harness.Pairs.SaveAsync(Linked("p1"));

        await container.StopAsync(TestContext.Current.CancellationToken);
        await Should.ThrowAsync<NpgsqlException>(() => harness.Database.PingAsync());
        await container.StartAsync(TestContext.Current.CancellationToken);

        // Pooled connections died with the server; the first use after it returns must not fail on one of them.
        await harness.Database.PingAsync();
        var state = await ReadAsync(harness.Storage);
        state.State = new Counter { Value = 2 };
        await harness.Storage.WriteStateAsync("counter", _grain, state);
        var pair = (await harness.Pairs.GetAsync("int-1", "p1"))!;
        pair.Note = "after the restart";
        await harness.Pairs.SaveAsync(pair);

        (state.ETag, (await ReadAsync(harness.Storage)).State!.Value).ShouldBe(("2", 2));
        (await harness.Pairs.GetAsync("int-1", "p1"))!.Note.ShouldBe("after the restart");
    }

    private static async Task<(IContainer Container, string ConnectionString)> StartAsync()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        return await LoopbackContainers.StartPostgresAsync();
    }

    private static PairState Linked(string id) => new()
    {
        IntegrationId = "int-1",
        Mapping = "clients",
        PairId = id,
        AppId = "a1",
        SalesforceId = "001A",
        Status = PairStatus.Linked,
    };

    private async Task<GrainState<Counter>> ReadAsync(PostgresGrainStorage storage)
    {
        var state = new GrainState<Counter>();
        await storage.ReadStateAsync("counter", _grain, state);
        return state;
    }
}
