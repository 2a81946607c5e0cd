using System.Globalization;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Storage;
using Platform.Storage.Relational;

namespace Platform.Storage.Postgres;

/// <summary>
/// Orleans grain storage on PostgreSQL. Each state is one row keyed by service, provider, state name and grain id, versioned
/// by an integer ETag: a write or clear based on a stale ETag fails with <see cref="InconsistentStateException"/>, so two
/// activations of one grain (a silo declared dead while still running) can never both win. Clearing keeps a tombstone
/// row with the next version so a stale activation cannot resurrect cleared state.
/// </summary>
public sealed partial class PostgresGrainStorage(
    string name,
    string serviceId,
    PostgresDatabase database,
    IGrainStorageSerializer serializer,
    ILogger<PostgresGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
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

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Keyed(new NpgsqlCommand("SELECT etag, payload FROM grain_state WHERE service_id = @svc AND provider = @p AND state_name = @s AND grain_id = @g", connection), stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            GrainStateRows.Reset(grainState, etag: null);
            return;
        }

        var etag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        if (await reader.IsDBNullAsync(1))
        {
            GrainStateRows.Reset(grainState, etag);
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(1)));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = await SaveAsync(stateName, grainId, grainState.ETag, serializer.Serialize(grainState.State).ToArray());
        grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var version = await SaveAsync(stateName, grainId, grainState.ETag, payload: null);
        GrainStateRows.Reset(grainState, version.ToString(CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe(
            OptionFormattingUtilities.Name<PostgresGrainStorage>(name),
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => database.EnsureInitializedAsync(cancellationToken));

    private async Task<long> SaveAsync(string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        var expected = etag is null ? (long?)null : long.Parse(etag, CultureInfo.InvariantCulture);
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Keyed(new NpgsqlCommand(expected is null
            ? """
              INSERT INTO grain_state (service_id, provider, state_name, grain_id, etag, payload)
              VALUES (@svc, @p, @s, @g, 1, @payload) ON CONFLICT DO NOTHING
              """
            : """
              UPDATE grain_state SET etag = etag + 1, payload = @payload, modified_at = now()
              WHERE service_id = @svc AND provider = @p AND state_name = @s AND grain_id = @g AND etag = @expected
              """, connection), stateName, grainId);
        command.Parameters.Add(new NpgsqlParameter<byte[]?>("payload", NpgsqlTypes.NpgsqlDbType.Bytea) { TypedValue = payload });
        command.Parameters.AddWithValue("expected", (object?)expected ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 1)
        {
            return (expected ?? 0) + 1;
        }

        var stored = await ReadVersionAsync(connection, stateName, grainId);
        LogConflict(name, stateName, grainId, etag, stored);
        throw GrainStateRows.Conflict(name, stateName, grainId, etag, stored);
    }

    private async Task<string?> ReadVersionAsync(NpgsqlConnection connection, string stateName, GrainId grainId)
    {
        await using var command = Keyed(new NpgsqlCommand("SELECT etag FROM grain_state WHERE service_id = @svc AND provider = @p AND state_name = @s AND grain_id = @g", connection), stateName, grainId);
        return await command.ExecuteScalarAsync() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }

    private NpgsqlCommand Keyed(NpgsqlCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("svc", serviceId);
        command.Parameters.AddWithValue("p", name);
        command.Parameters.AddWithValue("s", stateName);
        command.Parameters.AddWithValue("g", grainId.ToString());
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write conflict in grain storage {Provider}: state {StateName} of {GrainId} expected version {Expected}, stored {Stored}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string? expected, string? stored);
}
