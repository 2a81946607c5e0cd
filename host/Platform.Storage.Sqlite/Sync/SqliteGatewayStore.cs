using System.Data.Common;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>The app gateway's pushed records and queued writes on the embedded database; values are JSON columns.</summary>
public sealed class SqliteGatewayStore(SqliteDatabase database) : IGatewayStore
{
    internal static SqliteMigration Schema { get; } = new("gateway-0001", """
        CREATE TABLE gateway_records (
            position       INTEGER PRIMARY KEY AUTOINCREMENT,
            integration_id TEXT    NOT NULL,
            entity         TEXT    NOT NULL,
            record_id      TEXT    NOT NULL,
            deleted        INTEGER NOT NULL,
            values_json    TEXT    NOT NULL,
            modified_at    INTEGER,
            active_at      INTEGER
        );
        CREATE UNIQUE INDEX gateway_records_record ON gateway_records (integration_id, entity, record_id);
        CREATE INDEX gateway_records_feed ON gateway_records (integration_id, entity, position);
        CREATE TABLE gateway_writes (
            sequence        INTEGER PRIMARY KEY AUTOINCREMENT,
            integration_id  TEXT    NOT NULL,
            entity          TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            record_id       TEXT,
            values_json     TEXT    NOT NULL,
            idempotency_key TEXT    NOT NULL,
            queued_at       INTEGER NOT NULL,
            result_id       TEXT,
            error_code      TEXT,
            error_message   TEXT,
            transient       INTEGER NOT NULL DEFAULT 0,
            acknowledged_at INTEGER
        );
        CREATE UNIQUE INDEX gateway_writes_key ON gateway_writes (integration_id, idempotency_key);
        CREATE INDEX gateway_writes_pending ON gateway_writes (integration_id, acknowledged_at, sequence);
        """);

    public Task<long> PushAsync(string integrationId, string entity, IReadOnlyList<GatewayRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        return database.WriteAsync(transaction =>
        {
            // Delete and insert rather than update, so a record pushed again gets a new position at the end of the feed.
            using var delete = transaction.CreateCommand("DELETE FROM gateway_records WHERE integration_id = $i AND entity = $e AND record_id = $r");
            using var insert = transaction.CreateCommand("""
                INSERT INTO gateway_records (integration_id, entity, record_id, deleted, values_json, modified_at, active_at)
                VALUES ($i, $e, $r, $deleted, $values, $modified, $active) RETURNING position
                """);
            var last = 0L;
            foreach (var record in records)
            {
                foreach (var command in new[] { delete, insert })
                {
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("$i", integrationId);
                    command.Parameters.AddWithValue("$e", entity);
                    command.Parameters.AddWithValue("$r", record.Id);
                }

                delete.ExecuteNonQuery();
                insert.Parameters.AddWithValue("$deleted", record.Deleted ? 1 : 0);
                insert.Parameters.AddWithValue("$values", GatewayRows.Json(record.Values));
                insert.Parameters.AddWithValue("$modified", record.ModifiedAt?.ToUnixTimeMilliseconds() ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("$active", record.ActiveAt?.ToUnixTimeMilliseconds() ?? (object)DBNull.Value);
                last = (long)insert.ExecuteScalar()!;
            }

            return last;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<GatewayRecord>> ReadChangesAsync(string integrationId, string entity, long after, int limit, CancellationToken cancellationToken = default) =>
        ReadRecordsAsync("position > @after ORDER BY position LIMIT @limit", integrationId, entity, c =>
        {
            c.Add("after", after);
            c.Add("limit", Math.Max(1, limit));
        }, cancellationToken);

    public async Task<GatewayRecord?> GetRecordAsync(string integrationId, string entity, string recordId, CancellationToken cancellationToken = default) =>
        (await ReadRecordsAsync("record_id = @r", integrationId, entity, c => c.Add("r", recordId), cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<GatewayWrite>> EnqueueAsync(IReadOnlyList<GatewayWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return database.WriteAsync<IReadOnlyList<GatewayWrite>>(transaction =>
        {
            using var insert = transaction.CreateCommand("""
                INSERT INTO gateway_writes (integration_id, entity, kind, record_id, values_json, idempotency_key, queued_at)
                VALUES ($i, $e, $kind, $r, $values, $key, $at)
                ON CONFLICT (integration_id, idempotency_key) DO NOTHING
                """);
            using var select = transaction.CreateCommand($"SELECT {GatewayRows.WriteColumns} FROM gateway_writes WHERE integration_id = $i AND idempotency_key = $key");
            var queued = new List<GatewayWrite>(writes.Count);
            foreach (var write in writes)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$i", write.IntegrationId);
                insert.Parameters.AddWithValue("$e", write.Entity);
                insert.Parameters.AddWithValue("$kind", write.Kind);
                insert.Parameters.AddWithValue("$r", write.RecordId ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("$values", GatewayRows.Json(write.Values));
                insert.Parameters.AddWithValue("$key", write.IdempotencyKey);
                insert.Parameters.AddWithValue("$at", write.QueuedAt.ToUnixTimeMilliseconds());
                insert.ExecuteNonQuery();
                select.Parameters.Clear();
                select.Parameters.AddWithValue("$i", write.IntegrationId);
                select.Parameters.AddWithValue("$key", write.IdempotencyKey);
                using var reader = select.ExecuteReader();
                reader.Read();
                queued.Add(GatewayRows.ReadWrite(reader));
            }

            return queued;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<GatewayWrite>> PendingWritesAsync(string integrationId, long after, int limit, CancellationToken cancellationToken = default) =>
        ReadWritesAsync("acknowledged_at IS NULL AND sequence > @after ORDER BY sequence LIMIT @limit", integrationId, c =>
        {
            c.Add("after", after);
            c.Add("limit", Math.Max(1, limit));
        }, cancellationToken);

    public async Task<GatewayWrite?> FindWriteAsync(string integrationId, string idempotencyKey, CancellationToken cancellationToken = default) =>
        (await ReadWritesAsync("idempotency_key = @key", integrationId, c => c.Add("key", idempotencyKey), cancellationToken)).SingleOrDefault();

    public Task<GatewayWrite?> AcknowledgeAsync(string integrationId, long sequence, GatewayWriteResult result, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return database.WriteAsync(transaction =>
        {
            using var update = transaction.CreateCommand($"""
                UPDATE gateway_writes SET result_id = $id, error_code = $code, error_message = $message, transient = $transient, acknowledged_at = $at
                WHERE integration_id = $i AND sequence = $s AND acknowledged_at IS NULL
                RETURNING {GatewayRows.WriteColumns}
                """);
            update.Parameters.AddWithValue("$id", result.RecordId ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("$code", result.ErrorCode ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("$message", result.ErrorMessage ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("$transient", result.Transient ? 1 : 0);
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$i", integrationId);
            update.Parameters.AddWithValue("$s", sequence);
            using var reader = update.ExecuteReader();
            return reader.Read() ? GatewayRows.ReadWrite(reader) : null;
        }, cancellationToken);
    }

    public Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            using var records = transaction.CreateCommand("DELETE FROM gateway_records WHERE integration_id = $i");
            records.Parameters.AddWithValue("$i", integrationId);
            using var writes = transaction.CreateCommand("DELETE FROM gateway_writes WHERE integration_id = $i");
            writes.Parameters.AddWithValue("$i", integrationId);
            return records.ExecuteNonQuery() + writes.ExecuteNonQuery();
        }, cancellationToken);

    private async Task<IReadOnlyList<GatewayRecord>> ReadRecordsAsync(string condition, string integrationId, string entity, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        GatewayRows.PrepareRecords(command, integrationId, entity, condition);
        bind(command);
        return await command.ReadAllAsync(GatewayRows.ReadRecord, cancellationToken);
    }

    private async Task<IReadOnlyList<GatewayWrite>> ReadWritesAsync(string condition, string integrationId, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        GatewayRows.PrepareWrites(command, integrationId, condition);
        bind(command);
        return await command.ReadAllAsync(GatewayRows.ReadWrite, cancellationToken);
    }
}
