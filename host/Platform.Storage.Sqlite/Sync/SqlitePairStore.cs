using Microsoft.Data.Sqlite;
using Orleans.Serialization;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>Paired-record state on the embedded database: lookup columns beside the state, serialized by Orleans.</summary>
public sealed class SqlitePairStore(SqliteDatabase database, Serializer serializer, TimeProvider time) : IPairStore
{
    private const int SqliteConstraint = 19;
    private const int InListChunk = 400;

    internal static SqliteMigration Schema { get; } = new("pairs-0001", """
        CREATE TABLE pairs (
            integration_id  TEXT    NOT NULL,
            pair_id         TEXT    NOT NULL,
            mapping         TEXT    NOT NULL,
            app_id          TEXT,
            sf_id           TEXT,
            app_match_key   TEXT,
            sf_match_key    TEXT,
            status          INTEGER NOT NULL,
            open_writes     INTEGER NOT NULL,
            attention       INTEGER NOT NULL,
            retry_at        INTEGER,
            touched_at      INTEGER,
            updated_at      INTEGER NOT NULL,
            version         INTEGER NOT NULL,
            state           BLOB    NOT NULL,
            PRIMARY KEY (integration_id, pair_id)
        ) WITHOUT ROWID;
        CREATE UNIQUE INDEX pairs_app_id ON pairs (integration_id, mapping, app_id) WHERE app_id IS NOT NULL;
        CREATE UNIQUE INDEX pairs_sf_id ON pairs (integration_id, mapping, sf_id) WHERE sf_id IS NOT NULL;
        CREATE INDEX pairs_app_key ON pairs (integration_id, mapping, app_match_key) WHERE sf_id IS NULL AND app_match_key IS NOT NULL;
        CREATE INDEX pairs_sf_key ON pairs (integration_id, mapping, sf_match_key) WHERE app_id IS NULL AND sf_match_key IS NOT NULL;
        CREATE INDEX pairs_status ON pairs (integration_id, status, pair_id);
        CREATE INDEX pairs_open ON pairs (integration_id, pair_id) WHERE open_writes = 1;
        CREATE INDEX pairs_retry ON pairs (integration_id, retry_at) WHERE retry_at IS NOT NULL;
        CREATE INDEX pairs_touched ON pairs (integration_id, touched_at) WHERE touched_at IS NOT NULL;
        """);

    public async Task<PairState?> GetAsync(string integrationId, string pairId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, state FROM pairs WHERE integration_id = $i AND pair_id = $p";
        command.Parameters.AddWithValue("$i", integrationId);
        command.Parameters.AddWithValue("$p", pairId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var state = serializer.Deserialize<PairState>((byte[])reader.GetValue(1))!;
        state.Version = reader.GetInt64(0);
        return state;
    }

    public async Task SaveAsync(PairState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var expected = state.Version;
        var payload = PairRows.SerializeNextVersion(state, serializer);
        var now = time.GetUtcNow();
        var saved = await database.WriteAsync(transaction =>
        {
            var command = transaction.Prepared(expected == 0 ? PairRows.Insert : PairRows.Update);
            PairRows.Bind(command, state, expected, now, payload);
            try
            {
                return command.ExecuteNonQuery() == 1;
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                throw new PairConflictException($"Pair {state.PairId}: another pair of mapping '{state.Mapping}' already holds app id '{state.AppId}' or Salesforce id '{state.SalesforceId}'.", recordIdTaken: true);
            }
        }, cancellationToken);
        if (!saved)
        {
            throw new PairConflictException($"Pair {state.PairId} was saved by another writer (expected version {expected}).");
        }

        state.Version = expected + 1;
    }

    public Task<IReadOnlyDictionary<string, string>> FindByRecordIdsAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        LookupAsync(integrationId, mapping, PairLookup.ByRecordId(side), ids, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindCounterpartsAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        LookupAsync(integrationId, mapping, PairLookup.Counterparts(side), ids, cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> FindUnpairedByMatchKeysAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) =>
        LookupAsync(integrationId, mapping, PairLookup.UnpairedByMatchKey(side), keys, cancellationToken);

    public async Task<IReadOnlyList<PairSummary>> ListAsync(PairQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        PairRows.PrepareList(command, query, orderByPairId: "pair_id");
        return await command.ReadAllAsync(PairRows.ReadSummary, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<PairStatus, long>> CountAsync(string integrationId, string? mapping = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        PairRows.PrepareCount(command, integrationId, mapping);
        return await PairRows.ReadCountsAsync(command, cancellationToken);
    }

    public Task DeleteAsync(string integrationId, string pairId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("DELETE FROM pairs WHERE integration_id = $i AND pair_id = $p");
            command.Parameters.AddWithValue("$i", integrationId);
            command.Parameters.AddWithValue("$p", pairId);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default) =>
        database.WriteAsync(transaction =>
        {
            using var command = transaction.CreateCommand("DELETE FROM pairs WHERE integration_id = $i");
            command.Parameters.AddWithValue("$i", integrationId);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private async Task<IReadOnlyDictionary<string, string>> LookupAsync(
        string integrationId, string mapping, PairLookup lookup, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        foreach (var chunk in values.Distinct(StringComparer.Ordinal).Chunk(InListChunk))
        {
            await using var command = connection.CreateCommand();
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = "$v" + i;
                command.Parameters.AddWithValue(names[i], chunk[i]);
            }

            command.CommandText = lookup.Sql($"{lookup.KeyColumn} IN ({string.Join(", ", names)})");
            command.Parameters.AddWithValue("@i", integrationId);
            command.Parameters.AddWithValue("@m", mapping);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.TryAdd(reader.GetString(0), reader.GetString(1));
            }
        }

        return found;
    }
}
