using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Platform.Storage.Postgres.Sync;
using Platform.Testing;

namespace Platform.Storage.Postgres.Tests;

/// <summary>The stores on a PostgreSQL database: by default a fresh one on the loopback server, skipping the test when no server answers.</summary>
internal sealed class PostgresHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private PostgresHarness(string connectionString)
    {
        ConnectionString = connectionString;
        Database = Open();
        Storage = CreateStorage(Database);
        Pairs = new PostgresPairStore(Database, _services.GetRequiredService<Serializer>(), TimeProvider.System);
        Log = new PostgresSyncLog(Database);
        Entries = new PostgresEntryStore(Database);
        Gateway = new PostgresGatewayStore(Database);
    }

    public string ConnectionString { get; }

    public PostgresDatabase Database { get; }

    public PostgresGrainStorage Storage { get; }

    public PostgresPairStore Pairs { get; }

    public PostgresSyncLog Log { get; }

    public PostgresEntryStore Entries { get; }

    public PostgresGatewayStore Gateway { get; }

    public static async Task<PostgresHarness> StartAsync()
    {
        if (await LoopbackServers.PostgresUnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        return new PostgresHarness(await LoopbackServers.CreateDatabaseAsync());
    }

    /// <summary>The stores on an existing database (a container's, say).</summary>
    public static PostgresHarness On(string connectionString) => new(connectionString);

    /// <summary>Grain storage on <paramref name="database"/>.</summary>
    public PostgresGrainStorage CreateStorage(PostgresDatabase database) =>
        new("Default", "test-service", database, new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()), NullLogger<PostgresGrainStorage>.Instance);

    /// <summary>Another handle on the same database, as a second silo would hold.</summary>
    public PostgresDatabase Open() => new(
        Options.Create(new PostgresDatabaseOptions { ConnectionString = ConnectionString }),
        [PostgresGrainStorage.Schema, PostgresPairStore.Schema, PostgresSyncLog.Schema, PostgresEntryStore.Schema, PostgresGatewayStore.Schema],
        NullLogger<PostgresDatabase>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Pairs.DisposeAsync();
        await Database.DisposeAsync();
        await _services.DisposeAsync();
    }
}

[GenerateSerializer]
public sealed record Counter
{
    [Id(0)]
    public int Value { get; init; }
}
