using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>Received entries and trigger marks on the embedded database; an entry's values, people and notes are JSON columns.</summary>
public sealed class SqliteEntryStore(SqliteDatabase database) : IEntryStore
{
    private const string InsertColumns = "integration_id, received_at, action, trigger_object, trigger_id, values_json, people_json, notes_json, status, message, app_ids_json, attempts, approved, edited, processed_at";

    internal static SqliteMigration Schema { get; } = new("entries-0001", """
        CREATE TABLE receiver_entries (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            integration_id TEXT    NOT NULL,
            received_at    INTEGER NOT NULL,
            action         TEXT    NOT NULL,
            trigger_object TEXT    NOT NULL,
            trigger_id     TEXT    NOT NULL,
            values_json    TEXT    NOT NULL,
            people_json    TEXT    NOT NULL,
            notes_json     TEXT    NOT NULL,
            status         INTEGER NOT NULL,
            message        TEXT    NOT NULL,
            app_ids_json   TEXT    NOT NULL,
            attempts       INTEGER NOT NULL,
            approved       INTEGER NOT NULL,
            edited         INTEGER NOT NULL,
            processed_at   INTEGER
        );
        CREATE INDEX receiver_entries_integration ON receiver_entries (integration_id, id);
        CREATE INDEX receiver_entries_status ON receiver_entries (integration_id, status, id);
        CREATE INDEX receiver_entries_trigger ON receiver_entries (integration_id, trigger_id);
        CREATE TABLE receiver_marks (
            integration_id TEXT NOT NULL,
            object_name    TEXT NOT NULL,
            record_id      TEXT NOT NULL,
            mark           TEXT NOT NULL,
            PRIMARY KEY (integration_id, object_name, record_id)
        ) WITHOUT ROWID;
        """);

    public Task<ReceiverEntry> AddAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"""
                INSERT INTO receiver_entries ({InsertColumns})
                VALUES ($i, $at, $action, $object, $trigger, $values, $people, $notes, $status, $message, $apps, $attempts, $approved, $edited, $processed)
                RETURNING id
                """);
            Bind(command, entry);
            return entry with { Id = (long)command.ExecuteScalar()! };
        }, cancellationToken);
    }

    public Task UpdateAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("""
                UPDATE receiver_entries SET values_json = $values, people_json = $people, notes_json = $notes, status = $status, message = $message,
                    app_ids_json = $apps, attempts = $attempts, approved = $approved, edited = $edited, processed_at = $processed
                WHERE id = $id AND integration_id = $i
                """);
            Bind(command, entry);
            command.Parameters.AddWithValue("$id", entry.Id);
            return command.ExecuteNonQuery() == 1 ? 1 : throw new InvalidOperationException($"Entry {entry.Id} of integration '{entry.IntegrationId}' does not exist.");
        }, cancellationToken);
    }

    public async Task<ReceiverEntry?> GetAsync(string integrationId, long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(integrationId, filter => filter.Add(id, " AND id = $id", "$id"), 1, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ReceiverEntry>> ListAsync(EntryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return QueryAsync(query.IntegrationId, filter =>
        {
            filter.Add(query.Status is { } status ? (int)status : null, " AND status = $status", "$status");
            filter.Add(query.TriggerId, " AND trigger_id = $trigger", "$trigger");
            filter.Add(query.Before, " AND id < $before", "$before");
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
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT record_id, mark FROM receiver_marks WHERE integration_id = $i AND object_name = $o AND record_id IN (SELECT value FROM json_each($ids))";
        command.Parameters.AddWithValue("$i", integrationId);
        command.Parameters.AddWithValue("$o", objectName);
        command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(recordIds));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            marks[reader.GetString(0)] = reader.GetString(1);
        }

        return marks;
    }

    public Task SetMarksAsync(string integrationId, string objectName, IReadOnlyDictionary<string, string?> marks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(marks);
        if (marks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return database.WriteAsync(transaction =>
        {
            using var upsert = transaction.CreateCommand("""
                INSERT INTO receiver_marks (integration_id, object_name, record_id, mark) VALUES ($i, $o, $r, $m)
                ON CONFLICT (integration_id, object_name, record_id) DO UPDATE SET mark = excluded.mark
                """);
            using var delete = transaction.CreateCommand("DELETE FROM receiver_marks WHERE integration_id = $i AND object_name = $o AND record_id = $r");
            foreach (var command in new[] { upsert, delete })
            {
                command.Parameters.AddWithValue("$i", integrationId);
                command.Parameters.AddWithValue("$o", objectName);
                command.Parameters.Add("$r", SqliteType.Text);
            }

            var mark = upsert.Parameters.Add("$m", SqliteType.Text);
            foreach (var (recordId, value) in marks)
            {
                var command = value is null ? delete : upsert;
                command.Parameters["$r"].Value = recordId;
                mark.Value = value ?? (object)DBNull.Value;
                command.ExecuteNonQuery();
            }

            return marks.Count;
        }, cancellationToken);
    }

    public Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            using var entries = transaction.CreateCommand("DELETE FROM receiver_entries WHERE integration_id = $i");
            entries.Parameters.AddWithValue("$i", integrationId);
            using var marks = transaction.CreateCommand("DELETE FROM receiver_marks WHERE integration_id = $i");
            marks.Parameters.AddWithValue("$i", integrationId);
            return entries.ExecuteNonQuery() + marks.ExecuteNonQuery();
        }, cancellationToken);

    private static void Bind(SqliteCommand command, ReceiverEntry entry)
    {
        command.Parameters.AddWithValue("$i", entry.IntegrationId);
        command.Parameters.AddWithValue("$at", entry.ReceivedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$object", entry.TriggerObject);
        command.Parameters.AddWithValue("$trigger", entry.TriggerId);
        command.Parameters.AddWithValue("$values", JsonSerializer.Serialize(entry.Values));
        command.Parameters.AddWithValue("$people", JsonSerializer.Serialize(entry.People));
        command.Parameters.AddWithValue("$notes", JsonSerializer.Serialize(entry.Notes));
        command.Parameters.AddWithValue("$status", (int)entry.Status);
        command.Parameters.AddWithValue("$message", entry.Message);
        command.Parameters.AddWithValue("$apps", JsonSerializer.Serialize(entry.AppRecordIds));
        command.Parameters.AddWithValue("$attempts", entry.Attempts);
        command.Parameters.AddWithValue("$approved", entry.Approved ? 1 : 0);
        command.Parameters.AddWithValue("$edited", entry.Edited ? 1 : 0);
        command.Parameters.AddWithValue("$processed", entry.ProcessedAt?.ToUnixTimeMilliseconds() ?? (object)DBNull.Value);
    }

    private async Task<IReadOnlyList<ReceiverEntry>> QueryAsync(string integrationId, Action<SqliteFilter> filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder($"SELECT id, {InsertColumns} FROM receiver_entries WHERE integration_id = $i");
        command.Parameters.AddWithValue("$i", integrationId);
        filter(new SqliteFilter(command, sql));
        sql.Append(" ORDER BY id DESC LIMIT $limit");
        command.Parameters.AddWithValue("$limit", limit);
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
                Approved = reader.GetInt32(13) == 1,
                Edited = reader.GetInt32(14) == 1,
                ProcessedAt = reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
            });
        }

        return results;
    }
}
