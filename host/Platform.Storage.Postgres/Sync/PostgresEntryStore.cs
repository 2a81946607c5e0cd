using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>Received entries and trigger marks on PostgreSQL; an entry's values, people and notes are JSON columns.</summary>
public sealed class PostgresEntryStore(PostgresDatabase database) : IEntryStore
{
    private const string Columns = "integration_id, received_at, action, trigger_object, trigger_id, values_json, people_json, notes_json, status, message, app_ids_json, attempts, approved, edited, processed_at";

    internal static PostgresMigration Schema { get; } = new("entries-0001", """
        CREATE TABLE receiver_entries (
            id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            integration_id text    NOT NULL,
            received_at    bigint  NOT NULL,
            action         text    NOT NULL,
            trigger_object text    NOT NULL,
            trigger_id     text    NOT NULL,
            values_json    text    NOT NULL,
            people_json    text    NOT NULL,
            notes_json     text    NOT NULL,
            status         integer NOT NULL,
            message        text    NOT NULL,
            app_ids_json   text    NOT NULL,
            attempts       integer NOT NULL,
            approved       boolean NOT NULL,
            edited         boolean NOT NULL,
            processed_at   bigint
        );
        CREATE INDEX receiver_entries_integration ON receiver_entries (integration_id, id);
        CREATE INDEX receiver_entries_status ON receiver_entries (integration_id, status, id);
        CREATE INDEX receiver_entries_trigger ON receiver_entries (integration_id, trigger_id);
        CREATE TABLE receiver_marks (
            integration_id text NOT NULL,
            object_name    text NOT NULL,
            record_id      text NOT NULL,
            mark           text NOT NULL,
            PRIMARY KEY (integration_id, object_name, record_id)
        );
        """);

    public async Task<ReceiverEntry> AddAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO receiver_entries ({Columns})
            VALUES (@i, @at, @action, @object, @trigger, @values, @people, @notes, @status, @message, @apps, @attempts, @approved, @edited, @processed)
            RETURNING id
            """, connection);
        Bind(command, entry);
        return entry with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
    }

    public async Task UpdateAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE receiver_entries SET values_json = @values, people_json = @people, notes_json = @notes, status = @status, message = @message,
                app_ids_json = @apps, attempts = @attempts, approved = @approved, edited = @edited, processed_at = @processed
            WHERE id = @id AND integration_id = @i
            """, connection);
        Bind(command, entry);
        command.Parameters.AddWithValue("id", entry.Id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Entry {entry.Id} of integration '{entry.IntegrationId}' does not exist.");
        }
    }

    public async Task<ReceiverEntry?> GetAsync(string integrationId, long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(integrationId, filter => filter.Add(id, " AND id = @id", "id"), 1, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ReceiverEntry>> ListAsync(EntryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryAsync(query.IntegrationId, filter =>
        {
            filter.Add(query.Status is { } status ? (int)status : null, " AND status = @status", "status");
            filter.Add(query.TriggerId, " AND trigger_id = @trigger", "trigger");
            filter.Add(query.Before, " AND id < @before", "before");
        }, Math.Clamp(query.Limit, 1, 1000), cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string integrationId, string objectName, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recordIds);
        var marks = new Dictionary<string, string>(StringComparer.Ordinal);
        if (recordIds.Count == 0)
        {
            return marks;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT record_id, mark FROM receiver_marks WHERE integration_id = @i AND object_name = @o AND record_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("i", integrationId);
        command.Parameters.AddWithValue("o", objectName);
        command.Parameters.AddWithValue("ids", recordIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marks[reader.GetString(0)] = reader.GetString(1);
        }

        return marks;
    }

    public async Task SetMarksAsync(string integrationId, string objectName, IReadOnlyDictionary<string, string?> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        var set = marks.Where(m => m.Value is not null).ToArray();
        var removed = marks.Where(m => m.Value is null).Select(m => m.Key).ToArray();
        if (set.Length > 0)
        {
            batch.BatchCommands.Add(Command(
                """
                INSERT INTO receiver_marks (integration_id, object_name, record_id, mark) SELECT $1, $2, r, m FROM unnest($3::text[], $4::text[]) AS t(r, m)
                ON CONFLICT (integration_id, object_name, record_id) DO UPDATE SET mark = excluded.mark
                """,
                integrationId, objectName, set.Select(m => m.Key).ToArray(), set.Select(m => m.Value!).ToArray()));
        }

        if (removed.Length > 0)
        {
            batch.BatchCommands.Add(Command("DELETE FROM receiver_marks WHERE integration_id = $1 AND object_name = $2 AND record_id = ANY($3)", integrationId, objectName, removed));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                Command("DELETE FROM receiver_entries WHERE integration_id = $1", integrationId),
                Command("DELETE FROM receiver_marks WHERE integration_id = $1", integrationId),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static void Bind(NpgsqlCommand command, ReceiverEntry entry)
    {
        var p = command.Parameters;
        p.AddWithValue("i", entry.IntegrationId);
        p.AddWithValue("at", entry.ReceivedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("action", entry.Action);
        p.AddWithValue("object", entry.TriggerObject);
        p.AddWithValue("trigger", entry.TriggerId);
        p.AddWithValue("values", JsonSerializer.Serialize(entry.Values));
        p.AddWithValue("people", JsonSerializer.Serialize(entry.People));
        p.AddWithValue("notes", JsonSerializer.Serialize(entry.Notes));
        p.AddWithValue("status", (int)entry.Status);
        p.AddWithValue("message", entry.Message);
        p.AddWithValue("apps", JsonSerializer.Serialize(entry.AppRecordIds));
        p.AddWithValue("attempts", entry.Attempts);
        p.AddWithValue("approved", entry.Approved);
        p.AddWithValue("edited", entry.Edited);
        p.Add(new NpgsqlParameter("processed", NpgsqlDbType.Bigint) { Value = entry.ProcessedAt?.ToUnixTimeMilliseconds() ?? (object)DBNull.Value });
    }

    private async Task<IReadOnlyList<ReceiverEntry>> QueryAsync(string integrationId, Action<PostgresFilter> filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT id, {Columns} FROM receiver_entries WHERE integration_id = @i");
        command.Parameters.AddWithValue("i", integrationId);
        filter(new PostgresFilter(command, sql));
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        command.Parameters.AddWithValue("limit", limit);
        command.CommandText = sql.ToString();
        var results = new List<ReceiverEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            results.Add(new ReceiverEntry
            {
                Id = reader.GetInt64(0),
                IntegrationId = reader.GetString(1),
                ReceivedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                Action = reader.GetString(3),
                TriggerObject = reader.GetString(4),
                TriggerId = reader.GetString(5),
                Values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(6))!,
                People = JsonSerializer.Deserialize<List<SalesforcePerson>>(reader.GetString(7))!,
                Notes = JsonSerializer.Deserialize<List<string>>(reader.GetString(8))!,
                Status = (EntryStatus)reader.GetInt32(9),
                Message = reader.GetString(10),
                AppRecordIds = JsonSerializer.Deserialize<List<string>>(reader.GetString(11))!,
                Attempts = reader.GetInt32(12),
                Approved = reader.GetBoolean(13),
                Edited = reader.GetBoolean(14),
                ProcessedAt = reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
            });
        }

        return results;
    }
}
