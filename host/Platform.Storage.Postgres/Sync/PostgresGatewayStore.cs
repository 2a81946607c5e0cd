using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>
/// The app gateway's pushed records and queued writes on PostgreSQL; values are JSON columns. Readers page the feed and
/// the write queue by position, so positions must become visible in order: writers of one feed (or one integration's
/// queue) take a transaction-scoped advisory lock, which any silo's writer of the same feed waits for.
/// </summary>
public sealed class PostgresGatewayStore(PostgresDatabase database) : IGatewayStore
{
    internal static PostgresMigration Schema { get; } = new("gateway-0001", """
        CREATE SEQUENCE gateway_feed_position;
        CREATE TABLE gateway_records (
            integration_id text    NOT NULL,
            entity         text    NOT NULL,
            record_id      text    NOT NULL,
            position       bigint  NOT NULL DEFAULT nextval('gateway_feed_position'),
            deleted        boolean NOT NULL,
            values_json    text    NOT NULL,
            modified_at    bigint,
            active_at      bigint,
            PRIMARY KEY (integration_id, entity, record_id)
        );
        CREATE INDEX gateway_records_feed ON gateway_records (integration_id, entity, position);
        CREATE TABLE gateway_writes (
            sequence        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            integration_id  text    NOT NULL,
            entity          text    NOT NULL,
            kind            text    NOT NULL,
            record_id       text,
            values_json     text    NOT NULL,
            idempotency_key text    NOT NULL,
            queued_at       bigint  NOT NULL,
            result_id       text,
            error_code      text,
            error_message   text,
            transient       boolean NOT NULL DEFAULT false,
            acknowledged_at bigint
        );
        CREATE UNIQUE INDEX gateway_writes_key ON gateway_writes (integration_id, idempotency_key);
        CREATE INDEX gateway_writes_pending ON gateway_writes (integration_id, sequence) WHERE acknowledged_at IS NULL;
        """);

    public Task<long> PushAsync(string integrationId, string entity, IReadOnlyList<GatewayRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);

        // A record pushed twice in one batch keeps its last state, at the place of its last push.
        var latest = records.Select((record, index) => (record, index)).GroupBy(r => r.record.Id, StringComparer.Ordinal)
            .Select(g => g.Last()).OrderBy(r => r.index).Select(r => r.record).ToArray();
        return database.WriteAsync(async transaction =>
        {
            await LockAsync(transaction, $"feed/{integrationId}/{entity}", cancellationToken);

            // A record pushed again moves to the end of the feed: it takes a new position.
            await using var command = new NpgsqlCommand("""
                INSERT INTO gateway_records (integration_id, entity, record_id, deleted, values_json, modified_at, active_at)
                SELECT @i, @e, r, d, v, m, a FROM unnest(@ids, @deleted, @values, @modified, @active) WITH ORDINALITY AS t(r, d, v, m, a, n) ORDER BY n
                ON CONFLICT (integration_id, entity, record_id) DO UPDATE SET position = nextval('gateway_feed_position'),
                    deleted = excluded.deleted, values_json = excluded.values_json, modified_at = excluded.modified_at, active_at = excluded.active_at
                RETURNING position
                """, transaction.Connection, transaction);
            command.Parameters.AddWithValue("i", integrationId);
            command.Parameters.AddWithValue("e", entity);
            command.Parameters.AddWithValue("ids", latest.Select(r => r.Id).ToArray());
            command.Parameters.AddWithValue("deleted", latest.Select(r => r.Deleted).ToArray());
            command.Parameters.AddWithValue("values", latest.Select(r => GatewayRows.Json(r.Values)).ToArray());
            command.Parameters.Add(new NpgsqlParameter("modified", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = latest.Select(r => r.ModifiedAt?.ToUnixTimeMilliseconds()).ToArray() });
            command.Parameters.Add(new NpgsqlParameter("active", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = latest.Select(r => r.ActiveAt?.ToUnixTimeMilliseconds()).ToArray() });
            var last = 0L;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                last = Math.Max(last, reader.GetInt64(0));
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
        return database.WriteAsync<IReadOnlyList<GatewayWrite>>(async transaction =>
        {
            // Sorted, so two enqueues spanning the same integrations cannot deadlock.
            foreach (var integrationId in writes.Select(w => w.IntegrationId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                await LockAsync(transaction, $"writes/{integrationId}", cancellationToken);
            }

            var queued = new List<GatewayWrite>(writes.Count);
            foreach (var write in writes)
            {
                await using var command = new NpgsqlCommand($"""
                    WITH inserted AS (
                        INSERT INTO gateway_writes (integration_id, entity, kind, record_id, values_json, idempotency_key, queued_at)
                        VALUES (@i, @e, @kind, @r, @values, @key, @at)
                        ON CONFLICT (integration_id, idempotency_key) DO NOTHING
                        RETURNING {GatewayRows.WriteColumns})
                    SELECT * FROM inserted
                    UNION ALL SELECT {GatewayRows.WriteColumns} FROM gateway_writes WHERE integration_id = @i AND idempotency_key = @key AND NOT EXISTS (SELECT 1 FROM inserted)
                    """, transaction.Connection, transaction);
                var p = command.Parameters;
                p.AddWithValue("i", write.IntegrationId);
                p.AddWithValue("e", write.Entity);
                p.AddWithValue("kind", write.Kind);
                p.Add(new NpgsqlParameter("r", NpgsqlDbType.Text) { Value = write.RecordId ?? (object)DBNull.Value });
                p.AddWithValue("values", GatewayRows.Json(write.Values));
                p.AddWithValue("key", write.IdempotencyKey);
                p.AddWithValue("at", write.QueuedAt.ToUnixTimeMilliseconds());
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
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

    public async Task<GatewayWrite?> AcknowledgeAsync(string integrationId, long sequence, GatewayWriteResult result, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var update = new NpgsqlCommand($"""
            UPDATE gateway_writes SET result_id = @id, error_code = @code, error_message = @message, transient = @transient, acknowledged_at = @at
            WHERE integration_id = @i AND sequence = @s AND acknowledged_at IS NULL
            RETURNING {GatewayRows.WriteColumns}
            """, connection);
        var p = update.Parameters;
        p.Add(new NpgsqlParameter("id", NpgsqlDbType.Text) { Value = result.RecordId ?? (object)DBNull.Value });
        p.Add(new NpgsqlParameter("code", NpgsqlDbType.Text) { Value = result.ErrorCode ?? (object)DBNull.Value });
        p.Add(new NpgsqlParameter("message", NpgsqlDbType.Text) { Value = result.ErrorMessage ?? (object)DBNull.Value });
        p.AddWithValue("transient", result.Transient);
        p.AddWithValue("at", at.ToUnixTimeMilliseconds());
        p.AddWithValue("i", integrationId);
        p.AddWithValue("s", sequence);
        await using var reader = await update.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? GatewayRows.ReadWrite(reader) : null;
    }

    public Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async transaction =>
        {
            await using var batch = new NpgsqlBatch(transaction.Connection, transaction)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("DELETE FROM gateway_records WHERE integration_id = $1") { Parameters = { new() { Value = integrationId } } },
                    new NpgsqlBatchCommand("DELETE FROM gateway_writes WHERE integration_id = $1") { Parameters = { new() { Value = integrationId } } },
                },
            };
            return await batch.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static async Task LockAsync(NpgsqlTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", transaction.Connection, transaction);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

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
