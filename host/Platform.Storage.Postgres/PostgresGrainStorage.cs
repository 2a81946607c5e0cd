using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;
using Platform.Storage.Relational;

namespace Platform.Storage.Postgres;

/// <summary>
/// Orleans grain storage on PostgreSQL (see <see cref="VersionedGrainStorage"/>). Each state is one row keyed by service,
/// provider, state name and grain id; a silo declared dead while still running can never overwrite what its successor wrote.
/// </summary>
public sealed class PostgresGrainStorage(
    string name,
    string serviceId,
    PostgresDatabase database,
    IGrainStorageSerializer serializer,
    ILogger<PostgresGrainStorage> logger) : VersionedGrainStorage(name, serializer, logger)
{
    internal static PostgresMigration Schema { get; } = new("grain-state-0001", """
        CREATE TABLE grain_state (
            service_id  text        NOT NULL,
            provider    text        NOT NULL,
            state_name  text        NOT NULL,
            grain_id    text        NOT NULL,
            etag        bigint      NOT NULL,
            payload     bytea,
            modified_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (service_id, provider, state_name, grain_id)
        );
        """);

    private const string KeyCondition = "service_id = @svc AND provider = @p AND state_name = @s AND grain_id = @g";

    /// <inheritdoc />
    protected override Task InitializeAsync(CancellationToken cancellationToken) => database.EnsureInitializedAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<(long Version, byte[]? Payload)?> LoadAsync(string stateName, GrainId grainId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Keyed(new NpgsqlCommand($"SELECT etag, payload FROM grain_state WHERE {KeyCondition}", connection), stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), await reader.IsDBNullAsync(1) ? null : reader.GetFieldValue<byte[]>(1))
            : null;
    }

    /// <inheritdoc />
    protected override async Task<bool> TrySaveAsync(string stateName, GrainId grainId, long? expected, byte[]? payload)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Keyed(new NpgsqlCommand(expected is null
            ? """
              INSERT INTO grain_state (service_id, provider, state_name, grain_id, etag, payload)
              VALUES (@svc, @p, @s, @g, 1, @payload) ON CONFLICT DO NOTHING
              """
            : $"""
              UPDATE grain_state SET etag = etag + 1, payload = @payload, modified_at = now()
              WHERE {KeyCondition} AND etag = @expected
              """, connection), stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("payload", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = payload });
        command.Parameters.AddWithValue("expected", (object?)expected ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <inheritdoc />
    protected override async Task<long?> ReadVersionAsync(string stateName, GrainId grainId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Keyed(new NpgsqlCommand($"SELECT etag FROM grain_state WHERE {KeyCondition}", connection), stateName, grainId);
        return await command.ExecuteScalarAsync() as long?;
    }

    private NpgsqlCommand Keyed(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("svc", serviceId);
        command.Parameters.AddWithValue("p", Name);
        command.Parameters.AddWithValue("s", stateName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        return command;
    }
}
