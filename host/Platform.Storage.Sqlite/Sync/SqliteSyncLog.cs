using Microsoft.Data.Sqlite;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>The sync log as an append-only table on the embedded database.</summary>
public sealed class SqliteSyncLog(SqliteDatabase database) : ISyncLog
{
    // Typed in the order of SyncLogRows.InsertColumns.
    private static readonly SqliteType[] ColumnTypes =
    [
        SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Integer,
        SqliteType.Text, SqliteType.Text, SqliteType.Integer, SqliteType.Text, SqliteType.Text, SqliteType.Text, SqliteType.Text,
    ];

    internal static SqliteMigration Schema { get; } = new("sync-log-0001", """
        CREATE TABLE sync_log (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            at             INTEGER NOT NULL,
            integration_id TEXT    NOT NULL,
            mapping        TEXT,
            pair_id        TEXT,
            app_id         TEXT,
            sf_id          TEXT,
            target         INTEGER,
            operation      TEXT    NOT NULL,
            state          TEXT    NOT NULL,
            sequence       INTEGER,
            payload        TEXT,
            error          TEXT,
            error_code     TEXT,
            message        TEXT    NOT NULL
        );
        CREATE INDEX sync_log_integration ON sync_log (integration_id, id);
        CREATE INDEX sync_log_pair ON sync_log (pair_id, id) WHERE pair_id IS NOT NULL;
        CREATE INDEX sync_log_app_id ON sync_log (app_id) WHERE app_id IS NOT NULL;
        CREATE INDEX sync_log_sf_id ON sync_log (sf_id) WHERE sf_id IS NOT NULL;
        CREATE INDEX sync_log_at ON sync_log (at);
        """);

    public Task AppendAsync(IReadOnlyList<SyncLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(transaction =>
        {
            var parameters = Enumerable.Range(1, ColumnTypes.Length).Select(i => "@c" + i).ToArray();
            using var command = transaction.CreateCommand($"INSERT INTO sync_log ({SyncLogRows.InsertColumns}) VALUES ({string.Join(", ", parameters)})");
            var bound = parameters.Select((name, i) => command.Parameters.Add(name, ColumnTypes[i])).ToArray();
            command.Prepare();
            foreach (var entry in entries)
            {
                var values = SyncLogRows.Values(entry);
                for (var i = 0; i < values.Length; i++)
                {
                    bound[i].Value = values[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }

            return entries.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SyncLogEntry>> QueryAsync(SyncLogQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        SyncLogRows.PrepareQuery(command, query, like: "LIKE");
        return await command.ReadAllAsync(SyncLogRows.Read, cancellationToken);
    }
}
