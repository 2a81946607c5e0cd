using Microsoft.Data.Sqlite;

namespace Platform.Storage.Sqlite.Tests;

public sealed class SqliteDatabaseTests : IAsyncLifetime
{
    private readonly StorageHarness _harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task WriteAsync_OneWriteThrowsInABatch_TheOthersStillCommit()
    {
        await _harness.Database.WriteAsync(tx => Execute(tx, "CREATE TABLE items (id INTEGER PRIMARY KEY)"), TestContext.Current.CancellationToken);

        var writes = Enumerable.Range(0, 50)
            .Select(i => _harness.Database.WriteAsync(tx =>
            {
                Execute(tx, $"INSERT INTO items (id) VALUES ({i})");
                return i == 25 ? throw new InvalidOperationException("boom") : i;
            }, TestContext.Current.CancellationToken))
            .ToList();

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => writes[25]);
        failure.Message.ShouldBe("boom");
        await Task.WhenAll(writes.Where((_, i) => i != 25));
        (await CountAsync("SELECT count(*) FROM items")).ShouldBe(49);
        (await CountAsync("SELECT count(*) FROM items WHERE id = 25")).ShouldBe(0);
    }

    [Fact]
    public async Task Open_Initialized_UsesWriteAheadLogging() =>
        (await ScalarAsync("PRAGMA journal_mode")).ShouldBe("wal");

    [Fact]
    public async Task Migrations_DatabaseOpenedTwice_AreAppliedOnce()
    {
        var migration = new SqliteMigration("test-0001", "CREATE TABLE once (id INTEGER)");
        await using (var first = _harness.OpenDatabase(migration))
        {
            await first.EnsureInitializedAsync(TestContext.Current.CancellationToken);
        }

        await using var second = _harness.OpenDatabase(migration);
        await second.PingAsync(TestContext.Current.CancellationToken);

        (await CountAsync("SELECT count(*) FROM schema_migrations WHERE id = 'test-0001'")).ShouldBe(1);
    }

    [Fact]
    public async Task Ping_DirectoryCannotBeCreated_Throws()
    {
        await using var database = new SqliteDatabase(
            Microsoft.Extensions.Options.Options.Create(new SqliteDatabaseOptions { Path = "/proc/no-such-place/state.db" }),
            [],
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SqliteDatabase>.Instance);

        await Should.ThrowAsync<Exception>(() => database.PingAsync(TestContext.Current.CancellationToken));
    }

    private static int Execute(SqliteTransaction transaction, string sql)
    {
        using var command = transaction.CreateCommand(sql);
        return command.ExecuteNonQuery();
    }

    private async Task<long> CountAsync(string sql) => (long)(await ScalarAsync(sql))!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await _harness.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
