using Npgsql;
using Orleans.Serialization;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>Paired-record state on PostgreSQL: lookup columns beside the state, serialized by Orleans; saves are group-committed (<see cref="PostgresPairWrites"/>).</summary>
public sealed class PostgresPairStore(PostgresDatabase database, Serializer serializer, TimeProvider time) : IPairStore, IAsyncDisposable
{
    private readonly PostgresPairWrites _writes = new(database);

    internal static PostgresMigration Schema { get; } = new("pairs-0001", """
        CREATE TABLE pairs (
            integration_id  text     NOT NULL,
            pair_id         text     NOT NULL,
            mapping         text     NOT NULL,
            app_id          text,
            sf_id           text,
            app_match_key   text,
            sf_match_key    text,
            status          integer  NOT NULL,
            open_writes     boolean  NOT NULL,
            attention       boolean  NOT NULL,
            retry_at        bigint,
            touched_at      bigint,
            updated_at      bigint   NOT NULL,
            version         bigint   NOT NULL,
            state           bytea    NOT NULL,
            PRIMARY KEY (integration_id, pair_id)
        );
        CREATE UNIQUE INDEX pairs_app_id ON pairs (integration_id, mapping, app_id) WHERE app_id IS NOT NULL;
        CREATE UNIQUE INDEX pairs_sf_id ON pairs (integration_id, mapping, sf_id) WHERE sf_id IS NOT NULL;
        CREATE INDEX pairs_app_key ON pairs (integration_id, mapping, app_match_key) WHERE sf_id IS NULL AND app_match_key IS NOT NULL;
        CREATE INDEX pairs_sf_key ON pairs (integration_id, mapping, sf_match_key) WHERE app_id IS NULL AND sf_match_key IS NOT NULL;
        CREATE INDEX pairs_status ON pairs (integration_id, status, pair_id);
        CREATE INDEX pairs_open ON pairs (integration_id, pair_id) WHERE open_writes;
        CREATE INDEX pairs_retry ON pairs (integration_id, retry_at) WHERE retry_at IS NOT NULL;
        CREATE INDEX pairs_touched ON pairs (integration_id, touched_at) WHERE touched_at IS NOT NULL;
        """);

    public async Task<PairState?> GetAsync(string integrationId, string pairId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT version, state FROM pairs WHERE integration_id = @i AND pair_id = @p", connection);
        command.Parameters.AddWithValue("i", integrationId);
        command.Parameters.AddWithValue("p", pairId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var state = serializer.Deserialize<PairState>(reader.GetFieldValue<byte[]>(1))!;
        state.Version = reader.GetInt64(0);
        return state;
    }

    public async Task SaveAsync(PairState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        cancellationToken.ThrowIfCancellationRequested();
        var expected = state.Version;
        var payload = PairRows.SerializeNextVersion(state, serializer);
        await _writes.SaveAsync(state, expected, time.GetUtcNow(), payload);
        state.Version = expected + 1;
    }

    public ValueTask DisposeAsync() => _writes.DisposeAsync();

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

        // COLLATE "C" orders like the embedded store (byte order), so paging by "after" is the same everywhere.
        PairRows.PrepareList(command, query, orderByPairId: "pair_id COLLATE \"C\"");
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
        ExecuteAsync("DELETE FROM pairs WHERE integration_id = @i AND pair_id = @p", integrationId, pairId, cancellationToken);

    public Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM pairs WHERE integration_id = @i", integrationId, pairId: null, cancellationToken);

    private async Task ExecuteAsync(string sql, string integrationId, string? pairId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("i", integrationId);
        if (pairId is not null)
        {
            command.Parameters.AddWithValue("p", pairId);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyDictionary<string, string>> LookupAsync(
        string integrationId, string mapping, PairLookup lookup, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (values.Count == 0)
        {
            return found;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(lookup.Sql($"{lookup.KeyColumn} = ANY(@values)"), connection);
        command.Parameters.AddWithValue("i", integrationId);
        command.Parameters.AddWithValue("m", mapping);
        command.Parameters.AddWithValue("values", values.Distinct(StringComparer.Ordinal).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.TryAdd(reader.GetString(0), reader.GetString(1));
        }

        return found;
    }
}
