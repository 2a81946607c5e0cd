using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Platform.Storage.Relational;

namespace Platform.Storage.Sqlite;

/// <summary>
/// Orleans grain storage on the embedded database. Each state is one row keyed by provider, state name and grain id,
/// versioned by an integer ETag: a write or clear based on a stale ETag fails with <see cref="InconsistentStateException"/>.
/// Clearing keeps a tombstone row with the next version so that a stale activation can never overwrite newer state.
/// </summary>
public sealed partial class SqliteGrainStorage(
    string name,
    SqliteDatabase database,
    IGrainStorageSerializer serializer,
    TimeProvider timeProvider,
    ILogger<SqliteGrainStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    internal static SqliteMigration Schema { get; } = new("grain-state-0001", """
        CREATE TABLE grain_state (
            provider     TEXT    NOT NULL,
            state_name   TEXT    NOT NULL,
            grain_id     TEXT    NOT NULL,
            etag         INTEGER NOT NULL,
            payload      BLOB,
            modified_utc TEXT    NOT NULL,
            PRIMARY KEY (provider, state_name, grain_id)
        ) WITHOUT ROWID;
        """);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, payload FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g";
        AddKey(command, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            GrainStateRows.Reset(grainState, etag: null);
            return;
        }

        var etag = reader.GetInt64(0).ToString(CultureInfo.InvariantCulture);
        if (reader.IsDBNull(1))
        {
            GrainStateRows.Reset(grainState, etag);
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData((byte[])reader.GetValue(1)));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var payload = serializer.Serialize(grainState.State).ToArray();
        var version = await SaveAsync(stateName, grainId, grainState.ETag, payload);
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
            OptionFormattingUtilities.Name<SqliteGrainStorage>(name),
            ServiceLifecycleStage.ApplicationServices,
            cancellationToken => database.EnsureInitializedAsync(cancellationToken));

    private async Task<long> SaveAsync(string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        var expected = etag is null ? (long?)null : long.Parse(etag, CultureInfo.InvariantCulture);
        var modified = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var written = await database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand(expected is null
                ? """
                  INSERT INTO grain_state (provider, state_name, grain_id, etag, payload, modified_utc)
                  VALUES ($p, $s, $g, 1, $payload, $modified) ON CONFLICT DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = etag + 1, payload = $payload, modified_utc = $modified
                  WHERE provider = $p AND state_name = $s AND grain_id = $g AND etag = $expected
                  """);
            AddKey(command, stateName, grainId);
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$modified", modified);
            command.Parameters.AddWithValue("$expected", (object?)expected ?? DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        });

        if (!written)
        {
            var stored = await ReadVersionAsync(stateName, grainId);
            LogConflict(name, stateName, grainId, etag, stored);
            throw GrainStateRows.Conflict(name, stateName, grainId, etag, stored);
        }

        return (expected ?? 0) + 1;
    }

    private async Task<string?> ReadVersionAsync(string stateName, GrainId grainId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM grain_state WHERE provider = $p AND state_name = $s AND grain_id = $g";
        AddKey(command, stateName, grainId);
        return await command.ExecuteScalarAsync() is long version ? version.ToString(CultureInfo.InvariantCulture) : null;
    }

    private void AddKey(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$p", name);
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write conflict in grain storage {Provider}: state {StateName} of {GrainId} expected version {Expected}, stored {Stored}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string? expected, string? stored);
}
