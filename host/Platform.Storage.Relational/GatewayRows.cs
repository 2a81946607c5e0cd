using System.Data.Common;
using System.Text.Json;
using Platform.Sync;

namespace Platform.Storage.Relational;

/// <summary>The app gateway's <c>gateway_records</c> and <c>gateway_writes</c> rows; values are JSON columns.</summary>
public static class GatewayRows
{
    /// <summary>The columns <see cref="ReadRecord"/> reads, in order.</summary>
    public const string RecordColumns = "position, record_id, deleted, values_json, modified_at, active_at";

    /// <summary>The columns <see cref="ReadWrite"/> reads, in order.</summary>
    public const string WriteColumns = "sequence, integration_id, entity, kind, record_id, values_json, idempotency_key, queued_at, result_id, error_code, error_message, transient, acknowledged_at";

    /// <summary>Values as stored.</summary>
    public static string Json(IReadOnlyDictionary<string, string?> values) => JsonSerializer.Serialize(values);

    /// <summary>Makes <paramref name="command"/> select one feed's records matching <paramref name="condition"/> (which may order and limit).</summary>
    public static void PrepareRecords(DbCommand command, string integrationId, string entity, string condition)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = $"SELECT {RecordColumns} FROM gateway_records WHERE integration_id = @i AND entity = @e AND {condition}";
        command.Add("i", integrationId);
        command.Add("e", entity);
    }

    /// <summary>Makes <paramref name="command"/> select an integration's writes matching <paramref name="condition"/> (which may order and limit).</summary>
    public static void PrepareWrites(DbCommand command, string integrationId, string condition)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = $"SELECT {WriteColumns} FROM gateway_writes WHERE integration_id = @i AND {condition}";
        command.Add("i", integrationId);
    }

    public static GatewayRecord ReadRecord(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new GatewayRecord
        {
            Position = reader.GetInt64(0),
            Id = reader.GetString(1),
            Deleted = reader.GetBoolean(2),
            Values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(3))!,
            ModifiedAt = reader.Time(4),
            ActiveAt = reader.Time(5),
        };
    }

    public static GatewayWrite ReadWrite(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new GatewayWrite
        {
            Sequence = reader.GetInt64(0),
            IntegrationId = reader.GetString(1),
            Entity = reader.GetString(2),
            Kind = reader.GetString(3),
            RecordId = reader.Text(4),
            Values = JsonSerializer.Deserialize<Dictionary<string, string?>>(reader.GetString(5))!,
            IdempotencyKey = reader.GetString(6),
            QueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            Result = reader.IsDBNull(12) ? null : new GatewayWriteResult
            {
                RecordId = reader.Text(8),
                ErrorCode = reader.Text(9),
                ErrorMessage = reader.Text(10),
                Transient = reader.GetBoolean(11),
            },
        };
    }
}
