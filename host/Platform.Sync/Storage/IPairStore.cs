namespace Platform.Sync;

/// <summary>
/// Durable home of paired-record state. Each pair is one row with its lookup columns (app id, Salesforce id, match
/// keys, status, open writes) beside the serialized state; an app id or a Salesforce id belongs to at most one pair of
/// a mapping, so a record can never be paired twice.
/// </summary>
public interface IPairStore
{
    Task<PairState?> GetAsync(string integrationId, string pairId, CancellationToken cancellationToken = default);

    /// <summary>Saves the state if its <see cref="PairState.Version"/> is still the stored one, and bumps the version.</summary>
    /// <exception cref="PairConflictException">Another writer saved first, or another pair already holds one of the record ids.</exception>
    Task SaveAsync(PairState state, CancellationToken cancellationToken = default);

    /// <summary>Finds the pairs holding these record ids of one side: record id → pair id.</summary>
    Task<IReadOnlyDictionary<string, string>> FindByRecordIdsAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// For the linked (or held) pairs holding these record ids of <paramref name="side"/>: record id → the paired record's
    /// id on the other side. Records whose pair is not linked are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> FindCounterpartsAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>Finds pairs that hold only a record of <paramref name="side"/> with one of these match keys: key → pair id (the oldest pair when several match).</summary>
    Task<IReadOnlyDictionary<string, string>> FindUnpairedByMatchKeysAsync(string integrationId, string mapping, Side side, IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>Lists pairs, ordered by pair id, for paging.</summary>
    Task<IReadOnlyList<PairSummary>> ListAsync(PairQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts an integration's pairs by status, of one mapping when <paramref name="mapping"/> is given.</summary>
    Task<IReadOnlyDictionary<PairStatus, long>> CountAsync(string integrationId, string? mapping = null, CancellationToken cancellationToken = default);

    /// <summary>Removes one pair (one emptied by a link that moved its record into another pair).</summary>
    Task DeleteAsync(string integrationId, string pairId, CancellationToken cancellationToken = default);

    /// <summary>Removes every pair of an integration.</summary>
    Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default);
}

/// <summary>Which pairs to list.</summary>
public sealed record PairQuery
{
    public required string IntegrationId { get; init; }

    public string? Mapping { get; init; }

    public PairStatus? Status { get; init; }

    /// <summary>Only pairs with writes not yet confirmed, or failed writes that will be retried.</summary>
    public bool OpenWritesOnly { get; init; }

    /// <summary>Only pairs whose latest write needs an operator (failed for good, or under review).</summary>
    public bool NeedsAttentionOnly { get; init; }

    /// <summary>Only pairs whose failed writes are due for a retry at or before this time.</summary>
    public DateTimeOffset? RetryDueBy { get; init; }

    /// <summary>Only pairs touched (viewed in the app) at or after this time.</summary>
    public DateTimeOffset? TouchedSince { get; init; }

    /// <summary>Only pairs holding one side's record and waiting for a counterpart.</summary>
    public bool UnpairedOnly { get; init; }

    /// <summary>Start after this pair id (exclusive).</summary>
    public string? After { get; init; }

    public int Limit { get; init; } = 100;
}

/// <summary>A pair's lookup columns.</summary>
public sealed record PairSummary(string IntegrationId, string Mapping, string PairId, string? AppId, string? SalesforceId, PairStatus Status, bool OpenWrites, bool NeedsAttention, DateTimeOffset UpdatedAt);

/// <summary>A pair was saved by someone else first, or its record id already belongs to another pair.</summary>
public sealed class PairConflictException(string message, bool recordIdTaken = false) : Exception(message)
{
    /// <summary>Whether another pair already holds one of the record ids (rather than another writer saving first).</summary>
    public bool RecordIdTaken { get; } = recordIdTaken;
}
