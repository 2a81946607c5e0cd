using System.Text;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>The sync log as an append-only table on the embedded database.</summary>
public sealed class SqliteSyncLog(SqliteDatabase database) : ISyncLog
{
    private static readonly string[] ColumnParameters = ["$i", "$m", "$p", "$a", "$s", "$t", "$op", "$st", "$seq", "$payload", "$e", "$ec", "$msg"];

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
            using var command = transaction.CreateCommand("""
                INSERT INTO sync_log (at, integration_id, mapping, pair_id, app_id, sf_id, target, operation, state, sequence, payload, error, error_code, message)
                VALUES ($at, $i, $m, $p, $a, $s, $t, $op, $st, $seq, $payload, $e, $ec, $msg)
                """);
            var at = command.Parameters.Add("$at", Microsoft.Data.Sqlite.SqliteType.Integer);
            var parameters = ColumnParameters.Select(name => command.Parameters.Add(name, Microsoft.Data.Sqlite.SqliteType.Text)).ToArray();
            command.Prepare();
            foreach (var entry in entries)
            {
                at.Value = entry.At.ToUnixTimeMilliseconds();
                object?[] values =
                [
                    entry.IntegrationId, entry.Mapping, entry.PairId, entry.AppId, entry.SalesforceId, entry.Target is { } t ? (int)t : null,
                    entry.Operation, entry.State, entry.Sequence, entry.Payload, entry.Error, entry.ErrorCode, entry.Message,
                ];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }

            return entries.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<SyncLogEntry>> QueryAsync(SyncLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, at, integration_id, mapping, pair_id, app_id, sf_id, target, operation, state, sequence, payload, error, error_code, message FROM sync_log WHERE 1 = 1");
        var filter = new SqliteFilter(command, sql);
        filter.Add(query.IntegrationId, " AND integration_id = $i", "$i");
        filter.Add(query.PairId, " AND pair_id = $p", "$p");
        filter.Add(query.RecordId, " AND (app_id = $r OR sf_id = $r)", "$r");
        filter.Add(query.State, " AND state = $st", "$st");
        filter.Add(query.From?.ToUnixTimeMilliseconds(), " AND at >= $from", "$from");
        filter.Add(query.To?.ToUnixTimeMilliseconds(), " AND at < $to", "$to");
        filter.Add(query.Before, " AND id < $before", "$before");
        filter.Add(query.Text is { Length: > 0 } text ? $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%" : null,
            " AND (message LIKE $text ESCAPE '\\' OR error LIKE $text ESCAPE '\\' OR payload LIKE $text ESCAPE '\\')", "$text");
        sql.Append(" ORDER BY id DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 1000));
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
