using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Platform.Storage.Sqlite.Sync;
using Platform.Testing;

namespace Platform.Storage.Sqlite.Tests;

/// <summary>A real database file in a temp folder and the grain storage on top of it, reopenable.</summary>
internal sealed class StorageHarness : IAsyncDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public StorageHarness() => Open();

    public SqliteDatabase Database { get; private set; } = null!;

    public SqliteGrainStorage Storage { get; private set; } = null!;

    public SqlitePairStore Pairs { get; private set; } = null!;

    public SqliteSyncLog Log { get; private set; } = null!;

    public SqliteEntryStore Entries { get; private set; } = null!;

    public string DatabasePath => _folder.Combine("state.db");

    public SqliteDatabase OpenDatabase(params SqliteMigration[] migrations) => new(
        Options.Create(new SqliteDatabaseOptions { Path = DatabasePath }),
        [SqliteGrainStorage.Schema, SqlitePairStore.Schema, SqliteSyncLog.Schema, SqliteEntryStore.Schema, .. migrations],
        NullLogger<SqliteDatabase>.Instance);

    public async Task ReopenAsync()
    {
        await Database.DisposeAsync();
        Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    private void Open()
    {
        Database = OpenDatabase();
        Storage = new SqliteGrainStorage(
            "Default",
            Database,
            new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
            TimeProvider.System,
            NullLogger<SqliteGrainStorage>.Instance);
        Pairs = new SqlitePairStore(Database, _services.GetRequiredService<Serializer>(), TimeProvider.System);
        Log = new SqliteSyncLog(Database);
        Entries = new SqliteEntryStore(Database);
    }
}

[GenerateSerializer]
public sealed record Counter
{
    [Id(0)]
    public int Value { get; init; }

    [Id(1)]
    public string? Note { get; init; }
}
