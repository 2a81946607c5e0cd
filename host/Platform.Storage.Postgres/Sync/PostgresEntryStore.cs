using Npgsql;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>Received entries and trigger marks on PostgreSQL; an entry's values, people and notes are JSON columns.</summary>
public sealed class PostgresEntryStore(PostgresDatabase database) : IEntryStore
{
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
        await using var command = new NpgsqlCommand($"INSERT INTO receiver_entries ({EntryRows.InsertColumns}) VALUES ({EntryRows.InsertValues}) RETURNING id", connection);
        EntryRows.Bind(command, entry);
        return entry with { Id = (long)(await command.ExecuteScalarAsync(cancellationToken))! };
    }

    public async Task UpdateAsync(ReceiverEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"UPDATE receiver_entries SET {EntryRows.UpdateSet} WHERE id = @id AND integration_id = @i", connection);
        EntryRows.Bind(command, entry);
        command.Add("id", entry.Id);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Entry {entry.Id} of integration '{entry.IntegrationId}' does not exist.");
        }
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

    private async Task<IReadOnlyList<ReceiverEntry>> QueryAsync(string integrationId, Action<SqlFilter> filter, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        EntryRows.PrepareQuery(command, integrationId, filter, limit);
        return await command.ReadAllAsync(EntryRows.Read, cancellationToken);
    }
}
