using System.Data.Common;
using System.Text;
using Platform.Sync;

namespace Platform.Storage.Relational;

/// <summary>The <c>sync_log</c> table's rows.</summary>
public static class SyncLogRows
{
    /// <summary>The columns written, in the order <see cref="Values"/> gives them.</summary>
    public const string InsertColumns = "at, integration_id, mapping, pair_id, app_id, sf_id, target, operation, state, sequence, payload, error, error_code, message";

    /// <summary>An entry's column values, in <see cref="InsertColumns"/> order (times in Unix milliseconds).</summary>
    public static object?[] Values(SyncLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return
        [
            entry.At.ToUnixTimeMilliseconds(), entry.IntegrationId, entry.Mapping, entry.PairId, entry.AppId, entry.SalesforceId,
            entry.Target is { } t ? (int)t : null, entry.Operation, entry.State, entry.Sequence, entry.Payload, entry.Error, entry.ErrorCode, entry.Message,
        ];
    }

    /// <summary>Makes <paramref name="command"/> the query for <paramref name="query"/>, newest first.</summary>
    /// <param name="command">A fresh command.</param>
    /// <param name="query">What to find.</param>
    /// <param name="like">The case-insensitive LIKE of the dialect (<c>LIKE</c> in SQLite, <c>ILIKE</c> in PostgreSQL).</param>
    public static void PrepareQuery(DbCommand command, SyncLogQuery query, string like)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT id, {InsertColumns} FROM sync_log WHERE 1 = 1");
        var filter = new SqlFilter(command, sql);
        filter.Add(query.IntegrationId, " AND integration_id = @i", "i");
        filter.Add(query.PairId, " AND pair_id = @p", "p");
        filter.Add(query.RecordId, " AND (app_id = @r OR sf_id = @r)", "r");
        filter.Add(query.State, " AND state = @st", "st");
        filter.Add(query.From?.ToUnixTimeMilliseconds(), " AND at >= @from", "from");
        filter.Add(query.To?.ToUnixTimeMilliseconds(), " AND at < @to", "to");
        filter.Add(query.Before, " AND id < @before", "before");
        filter.Add(query.Text is { Length: > 0 } text ? $"%{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%" : null,
            $" AND (message {like} @text ESCAPE '\\' OR error {like} @text ESCAPE '\\' OR payload {like} @text ESCAPE '\\')", "text");
        sql.Append(" ORDER BY id DESC LIMIT @limit");
        command.Add("limit", Math.Clamp(query.Limit, 1, 1000));
        command.CommandText = sql.ToString();
    }

    /// <summary>Reads a row of the query <see cref="PrepareQuery"/> made.</summary>
    public static SyncLogEntry Read(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new SyncLogEntry
        {
            Id = reader.GetInt64(0),
            At = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
            IntegrationId = reader.GetString(2),
            Mapping = reader.Text(3),
            PairId = reader.Text(4),
            AppId = reader.Text(5),
            SalesforceId = reader.Text(6),
            Target = reader.IsDBNull(7) ? null : (Side)reader.GetInt32(7),
            Operation = reader.GetString(8),
            State = reader.GetString(9),
            Sequence = reader.IsDBNull(10) ? null : reader.GetInt64(10),
            Payload = reader.Text(11),
            Error = reader.Text(12),
            ErrorCode = reader.Text(13),
            Message = reader.GetString(14),
        };
    }
}
