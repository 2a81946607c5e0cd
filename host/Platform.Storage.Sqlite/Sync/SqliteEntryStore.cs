using System.Text.Json;
using Microsoft.Data.Sqlite;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>Received entries and trigger marks on the embedded database; an entry's values, people and notes are JSON columns.</summary>
public sealed class SqliteEntryStore(SqliteDatabase database) : IEntryStore
{
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
            using var command = transaction.CreateCommand($"INSERT INTO receiver_entries ({EntryRows.InsertColumns}) VALUES ({EntryRows.InsertValues}) RETURNING id");
            EntryRows.Bind(command, entry);
            return entry with { Id = (long)command.ExecuteScalar()! };
        }, cancellationToken);
    }

    public Task UpdateAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand($"UPDATE receiver_entries SET {EntryRows.UpdateSet} WHERE id = @id AND integration_id = @i");
            EntryRows.Bind(command, entry);
            command.Add("id", entry.Id);
            return command.ExecuteNonQuery() == 1 ? 1 : throw new InvalidOperationException($"Entry {entry.Id} of integration '{entry.IntegrationId}' does not exist.");
        }, cancellationToken);
    }

    public async Task<ReceiverEntry?> GetAsync(string integrationId, long id, CancellationToken cancellationToken = default) =>
        (await QueryAsync(integrationId, filter => filter.Add(id, " AND id = @id", "id"), 1, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<ReceiverEntry>> ListAsync(EntryQuery query, CancellationToken cancellationToken = default) =>
        QueryAsync(query.IntegrationId, EntryRows.Filter(query), Math.Clamp(query.Limit, 1, 1000), cancellationToken);

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

    private async Task<IReadOnlyList<ReceiverEntry>> QueryAsync(string integrationId, Action<SqlFilter> filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        EntryRows.PrepareQuery(command, integrationId, filter, limit);
        return await command.ReadAllAsync(EntryRows.Read, cancellationToken);
    }
}
