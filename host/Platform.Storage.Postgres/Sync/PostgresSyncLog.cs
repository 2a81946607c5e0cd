using System.Text;
using Npgsql;
using NpgsqlTypes;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>The sync log as an append-only table on PostgreSQL.</summary>
public sealed class PostgresSyncLog(PostgresDatabase database) : ISyncLog
{
    // Typed so that null values bind too; in the order of the INSERT's columns.
    private static readonly NpgsqlDbType[] ColumnTypes =
    [
        NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
    ];

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
            var command = new NpgsqlBatchCommand("""
                INSERT INTO sync_log (at, integration_id, mapping, pair_id, app_id, sf_id, target, operation, state, sequence, payload, error, error_code, message)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                """);
            object?[] values =
            [
                entry.At.ToUnixTimeMilliseconds(), entry.IntegrationId, entry.Mapping, entry.PairId, entry.AppId, entry.SalesforceId,
                entry.Target is { } t ? (int)t : null, entry.Operation, entry.State, entry.Sequence, entry.Payload, entry.Error, entry.ErrorCode, entry.Message,
            ];
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
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, at, integration_id, mapping, pair_id, app_id, sf_id, target, operation, state, sequence, payload, error, error_code, message FROM sync_log WHERE true");
        var filter = new PostgresFilter(command, sql);
        filter.Add(query.IntegrationId, " AND integration_id = @i", "i");
        filter.Add(query.PairId, " AND pair_id = @p", "p");
        filter.Add(query.RecordId, " AND (app_id = @r OR sf_id = @r)", "r");
        filter.Add(query.State, " AND state = @st", "st");
        filter.Add(query.From?.ToUnixTimeMilliseconds(), " AND at >= @from", "from");
        filter.Add(query.To?.ToUnixTimeMilliseconds(), " AND at < @to", "to");
        filter.Add(query.Before, " AND id < @before", "before");
        filter.Add(query.Text is { Length: > 0 } text ? $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%" : null,
            " AND (message ILIKE @text OR error ILIKE @text OR payload ILIKE @text)", "text");
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, 1000));
        command.CommandText = sql.ToString();
        var results = new List<SyncLogEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new SyncLogEntry
            {
                Id = reader.GetInt64(0),
                At = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                IntegrationId = reader.GetString(2),
                Mapping = Text(3),
                PairId = Text(4),
                AppId = Text(5),
                SalesforceId = Text(6),
                Target = reader.IsDBNull(7) ? null : (Side)reader.GetInt32(7),
                Operation = reader.GetString(8),
                State = reader.GetString(9),
                Sequence = reader.IsDBNull(10) ? null : reader.GetInt64(10),
                Payload = Text(11),
                Error = Text(12),
                ErrorCode = Text(13),
                Message = reader.GetString(14),
            });
        }

        return results;

        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }
}
