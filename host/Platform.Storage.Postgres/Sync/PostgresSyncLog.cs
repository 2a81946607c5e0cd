using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>The sync log as an append-only table on PostgreSQL.</summary>
public sealed class PostgresSyncLog(PostgresDatabase database) : ISyncLog
{
    // Typed so that null values bind too; in the order of SyncLogRows.InsertColumns.
    private static readonly NpgsqlDbType[] ColumnTypes =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
    ];

    private static readonly string Insert =
        $"INSERT INTO sync_log ({SyncLogRows.InsertColumns}) VALUES ({string.Join(", ", Enumerable.Range(1, ColumnTypes.Length).Select(i => "$" + i))})";

    internal static PostgresMigration Schema { get; } = new("sync-log-0001", """
        CREATE TABLE sync_log (
            id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at             bigint  NOT NULL,
            integration_id text    NOT NULL,
            mapping        text,
            pair_id        text,
            app_id         text,
            sf_id          text,
            target         integer,
            operation      text    NOT NULL,
            state          text    NOT NULL,
            sequence       bigint,
            payload        text,
            error          text,
            error_code     text,
            message        text    NOT NULL
        );
        CREATE INDEX sync_log_integration ON sync_log (integration_id, id);
        CREATE INDEX sync_log_pair ON sync_log (pair_id, id) WHERE pair_id IS NOT NULL;
        CREATE INDEX sync_log_app_id ON sync_log (app_id) WHERE app_id IS NOT NULL;
        CREATE INDEX sync_log_sf_id ON sync_log (sf_id) WHERE sf_id IS NOT NULL;
        CREATE INDEX sync_log_at ON sync_log (at);
        """);

    public async Task AppendAsync(IReadOnlyList<SyncLogEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        // One round trip for the whole batch, in one implicit transaction.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        foreach (var entry in entries)
        {
            var command = new NpgsqlBatchCommand(Insert);
            var values = SyncLogRows.Values(entry);
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = ColumnTypes[i], Value = values[i] ?? DBNull.Value });
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SyncLogEntry>> QueryAsync(SyncLogQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        SyncLogRows.PrepareQuery(command, query, like: "ILIKE");
        return await command.ReadAllAsync(SyncLogRows.Read, cancellationToken);
    }
}
