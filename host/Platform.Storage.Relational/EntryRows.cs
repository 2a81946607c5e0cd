using System.Data;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Storage.Relational;

/// <summary>The <c>receiver_entries</c> table's rows: an entry's values, people, notes and app ids are JSON columns.</summary>
public static class EntryRows
{
    /// <summary>The columns written, matched by the parameters <see cref="Bind"/> adds.</summary>
    public const string InsertColumns = "integration_id, received_at, action, trigger_object, trigger_id, values_json, people_json, notes_json, status, message, app_ids_json, attempts, approved, edited, processed_at";

    /// <summary>The parameter markers for <see cref="InsertColumns"/>, in order.</summary>
    public const string InsertValues = "@i, @at, @action, @object, @trigger, @values, @people, @notes, @status, @message, @apps, @attempts, @approved, @edited, @processed";

    /// <summary>What an update may change, as <c>column = @parameter</c> pairs.</summary>
    public const string UpdateSet = "values_json = @values, people_json = @people, notes_json = @notes, status = @status, message = @message, app_ids_json = @apps, attempts = @attempts, approved = @approved, edited = @edited, processed_at = @processed";

    /// <summary>Adds the entry's values as the parameters <see cref="InsertValues"/> names.</summary>
    public static void Bind(DbCommand command, ReceiverEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        command.Add("i", entry.IntegrationId);
        command.Add("at", entry.ReceivedAt.ToUnixTimeMilliseconds());
        command.Add("action", entry.Action);
        command.Add("object", entry.TriggerObject);
        command.Add("trigger", entry.TriggerId);
        command.Add("values", JsonSerializer.Serialize(entry.Values));
        command.Add("people", JsonSerializer.Serialize(entry.People));
        command.Add("notes", JsonSerializer.Serialize(entry.Notes));
        command.Add("status", (int)entry.Status);
        command.Add("message", entry.Message);
        command.Add("apps", JsonSerializer.Serialize(entry.AppRecordIds));
        command.Add("attempts", entry.Attempts);
        command.Add("approved", entry.Approved);
        command.Add("edited", entry.Edited);
        command.Add("processed", entry.ProcessedAt?.ToUnixTimeMilliseconds(), DbType.Int64);
    }

    /// <summary>Makes <paramref name="command"/> the query for an integration's entries, newest first; <paramref name="filter"/> adds conditions.</summary>
    public static void PrepareQuery(DbCommand command, string integrationId, Action<SqlFilter> filter, int limit)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder($"SELECT id, {InsertColumns} FROM receiver_entries WHERE integration_id = @i");
        command.Add("i", integrationId);
        filter(new SqlFilter(command, sql));
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        command.Add("limit", limit);
        command.CommandText = sql.ToString();
    }

    /// <summary>The filter of <see cref="IEntryStore.ListAsync"/>.</summary>
    public static Action<SqlFilter> Filter(EntryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return filter =>
        {
            filter.Add(query.Status is { } status ? (int)status : null, " AND status = @status", "status");
            filter.Add(query.TriggerId, " AND trigger_id = @trigger", "trigger");
            filter.Add(query.Before, " AND id < @before", "before");
        };
    }

    /// <summary>Reads a row of the query <see cref="PrepareQuery"/> made.</summary>
    public static ReceiverEntry Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new ReceiverEntry
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
            ProcessedAt = reader.Time(15),
        };
    }
}
