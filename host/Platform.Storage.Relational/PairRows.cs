using System.Data;
using System.Globalization;
using System.Data.Common;
using System.Text;
using Orleans.Serialization;
using Platform.Sync;

namespace Platform.Storage.Relational;

/// <summary>The <c>pairs</c> table's rows: lookup columns beside the serialized state.</summary>
public static class PairRows
{
    /// <summary>Inserts a pair's first version; nothing when the pair id exists (the caller reports the conflict).</summary>
    public const string Insert = """
        INSERT INTO pairs (integration_id, pair_id, mapping, app_id, sf_id, app_match_key, sf_match_key, status, open_writes, attention, retry_at, touched_at, updated_at, version, state)
        VALUES (@i, @p, @m, @a, @s, @ak, @sk, @st, @o, @at, @r, @t, @u, 1, @state)
        ON CONFLICT (integration_id, pair_id) DO NOTHING
        """;

    /// <summary>Saves a pair over version <c>@v</c>; nothing when another writer saved first.</summary>
    public const string Update = """
        UPDATE pairs SET mapping = @m, app_id = @a, sf_id = @s, app_match_key = @ak, sf_match_key = @sk, status = @st, open_writes = @o,
            attention = @at, retry_at = @r, touched_at = @t, updated_at = @u, version = version + 1, state = @state
        WHERE integration_id = @i AND pair_id = @p AND version = @v
        """;

    /// <summary>The state as stored by a save that succeeds: serialized with the version it will have then.</summary>
    public static byte[] SerializeNextVersion(PairState state, Serializer serializer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(serializer);
        var expected = state.Version;
        state.Version = expected + 1;
        try
        {
            return serializer.SerializeToArray(state);
        }
        finally
        {
            state.Version = expected;
        }
    }

    /// <summary>Adds the parameters of <see cref="Insert"/> and <see cref="Update"/>.</summary>
    public static void Bind(DbCommand command, PairState state, long expectedVersion, DateTimeOffset now, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(command);
        Bind((name, value, type) => command.Add(name, value, type), state, expectedVersion, now, payload);
    }

    /// <summary>Adds the parameters of <see cref="Insert"/> and <see cref="Update"/> to one command of a batch.</summary>
    public static void Bind(DbBatchCommand command, PairState state, long expectedVersion, DateTimeOffset now, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(command);
        Bind((name, value, type) => command.Add(name, value, type), state, expectedVersion, now, payload);
    }

    private static void Bind(Action<string, object?, DbType?> add, PairState state, long expectedVersion, DateTimeOffset now, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(state);
        add("i", state.IntegrationId, null);
        add("p", state.PairId, null);
        add("m", state.Mapping, null);
        add("a", state.AppId, DbType.String);
        add("s", state.SalesforceId, DbType.String);
        add("ak", state.AppMatchKey, DbType.String);
        add("sk", state.SalesforceMatchKey, DbType.String);
        add("st", (int)state.Status, null);
        add("o", state.HasOpenWrites, null);
        add("at", state.NeedsAttention, null);
        add("r", state.NextRetryAt?.ToUnixTimeMilliseconds(), DbType.Int64);
        add("t", state.TouchedAt?.ToUnixTimeMilliseconds(), DbType.Int64);
        add("u", now.ToUnixTimeMilliseconds(), null);
        add("v", expectedVersion, null);
        add("state", payload, null);
    }

    /// <summary>Makes <paramref name="command"/> the page of pairs <paramref name="query"/> asks for, ordered by pair id.</summary>
    /// <param name="command">A fresh command.</param>
    /// <param name="query">Which pairs.</param>
    /// <param name="orderByPairId">The dialect's ordering by pair id that matches how <c>pair_id &gt; @after</c> compares.</param>
    public static void PrepareList(DbCommand command, PairQuery query, string orderByPairId)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder("SELECT integration_id, mapping, pair_id, app_id, sf_id, status, open_writes, attention, updated_at FROM pairs WHERE integration_id = @i");
        var filter = new SqlFilter(command, sql);
        command.Add("i", query.IntegrationId);
        filter.Add(query.Mapping, " AND mapping = @m", "m");
        filter.Add(query.Status is { } status ? (int)status : null, " AND status = @st", "st");
        filter.Add(query.OpenWritesOnly ? true : null, " AND open_writes = @o", "o");
        filter.Add(query.NeedsAttentionOnly ? true : null, " AND attention = @at", "at");
        filter.Add(query.RetryDueBy?.ToUnixTimeMilliseconds(), " AND retry_at <= @r", "r");
        filter.Add(query.TouchedSince?.ToUnixTimeMilliseconds(), " AND touched_at >= @t", "t");
        filter.Add(query.After, " AND pair_id > @after", "after");
        if (query.UnpairedOnly)
        {
            sql.Append(CultureInfo.InvariantCulture, $" AND status IN ({(int)PairStatus.AppOnly}, {(int)PairStatus.SalesforceOnly})");
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY {orderByPairId} LIMIT @limit");
        command.Add("limit", Math.Clamp(query.Limit, 1, 10_000));
        command.CommandText = sql.ToString();
    }

    /// <summary>Reads a row of the query <see cref="PrepareList"/> made.</summary>
    public static PairSummary ReadSummary(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new PairSummary(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.Text(3), reader.Text(4),
            (PairStatus)reader.GetInt32(5), reader.GetBoolean(6), reader.GetBoolean(7),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));
    }

    /// <summary>Makes <paramref name="command"/> count an integration's pairs (of one mapping when given) by status.</summary>
    public static void PrepareCount(DbCommand command, string integrationId, string? mapping)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandText = $"SELECT status, count(*) FROM pairs WHERE integration_id = @i{(mapping is null ? "" : " AND mapping = @m")} GROUP BY status";
        command.Add("i", integrationId);
        if (mapping is not null)
        {
            command.Add("m", mapping);
        }
    }

    /// <summary>Runs the count <see cref="PrepareCount"/> made.</summary>
    public static async Task<IReadOnlyDictionary<PairStatus, long>> ReadCountsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = await command.ReadAllAsync(r => (Status: (PairStatus)r.GetInt32(0), Count: r.GetInt64(1)), cancellationToken);
        return rows.ToDictionary(r => r.Status, r => r.Count);
    }

}

/// <summary>
/// One of the pair store's batch lookups: which column the given values are matched against, which pairs qualify, and
/// which column is answered. The rules live here once; each store only binds the values its own way.
/// </summary>
public sealed record PairLookup(string KeyColumn, string Condition, string ResultColumn = "pair_id")
{
    /// <summary>Pairs holding these record ids on <paramref name="side"/>; answers pair ids.</summary>
    public static PairLookup ByRecordId(Side side) => new(IdColumn(side), "");

    /// <summary>Linked (or held) pairs holding these record ids on <paramref name="side"/>; answers the other side's record id.</summary>
    public static PairLookup Counterparts(Side side) =>
        new(IdColumn(side), $" AND {IdColumn(Other(side))} IS NOT NULL AND status IN ({(int)PairStatus.Linked}, {(int)PairStatus.Held})", IdColumn(Other(side)));

    /// <summary>Pairs with only a <paramref name="side"/> record whose match key is one of these; answers pair ids.</summary>
    public static PairLookup UnpairedByMatchKey(Side side) =>
        new(side == Side.App ? "app_match_key" : "sf_match_key", $" AND {IdColumn(Other(side))} IS NULL");

    /// <summary>The query, with <paramref name="keyCondition"/> (the provider's way to test <see cref="KeyColumn"/> against the values), <c>@i</c> and <c>@m</c>.</summary>
    public string Sql(string keyCondition) =>
        $"SELECT {KeyColumn}, {ResultColumn} FROM pairs WHERE integration_id = @i AND mapping = @m AND {keyCondition}{Condition} ORDER BY updated_at";

    private static string IdColumn(Side side) => side == Side.App ? "app_id" : "sf_id";

    private static Side Other(Side side) => side == Side.App ? Side.Salesforce : Side.App;
}
