using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Platform.Storage.Relational;

namespace Platform.Storage.Sqlite;

/// <summary>
/// Orleans grain storage on the embedded database (see <see cref="VersionedGrainStorage"/>). Each state is one row keyed by
/// provider, state name and grain id; writes go through the database's group-commit queue.
/// </summary>
public sealed class SqliteGrainStorage(
    string name,
    SqliteDatabase database,
    IGrainStorageSerializer serializer,
    TimeProvider timeProvider,
    ILogger<SqliteGrainStorage> logger) : VersionedGrainStorage(name, serializer, logger)
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

    private const string KeyCondition = "provider = $p AND state_name = $s AND grain_id = $g";

    /// <inheritdoc />
    protected override Task InitializeAsync(CancellationToken cancellationToken) => database.EnsureInitializedAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task<(long Version, byte[]? Payload)?> LoadAsync(string stateName, GrainId grainId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Query(connection, $"SELECT etag, payload FROM grain_state WHERE {KeyCondition}", stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1))
            : null;
    }

    /// <inheritdoc />
    protected override Task<bool> TrySaveAsync(string stateName, GrainId grainId, long? expected, byte[]? payload)
    {
        var modified = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        return database.WriteAsync(transaction =>
        {
            using var command = Keyed(transaction.CreateCommand(expected is null
                ? """
                  INSERT INTO grain_state (provider, state_name, grain_id, etag, payload, modified_utc)
                  VALUES ($p, $s, $g, 1, $payload, $modified) ON CONFLICT DO NOTHING
                  """
                : $"""
                  UPDATE grain_state SET etag = etag + 1, payload = $payload, modified_utc = $modified
                  WHERE {KeyCondition} AND etag = $expected
                  """), stateName, grainId);
            command.Parameters.AddWithValue("$payload", (object?)payload ?? DBNull.Value);
            command.Parameters.AddWithValue("$modified", modified);
            command.Parameters.AddWithValue("$expected", (object?)expected ?? DBNull.Value);
            return command.ExecuteNonQuery() == 1;
        });
    }

    /// <inheritdoc />
    protected override async Task<long?> ReadVersionAsync(string stateName, GrainId grainId)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = Query(connection, $"SELECT etag FROM grain_state WHERE {KeyCondition}", stateName, grainId);
        return await command.ExecuteScalarAsync() as long?;
    }

    private SqliteCommand Query(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return Keyed(command, stateName, grainId);
    }

    private SqliteCommand Keyed(SqliteCommand command, string stateName, GrainId grainId)
    {
        command.Parameters.AddWithValue("$p", Name);
        command.Parameters.AddWithValue("$s", stateName);
        command.Parameters.AddWithValue("$g", grainId.ToString());
        return command;
    }
}
