using Platform.Sync;

namespace Platform.Grains.Pairs;

/// <summary>One paired record (or one record waiting for its counterpart), keyed by <see cref="PairKey"/>.</summary>
public interface IPairGrain : IGrainWithStringKey
{
    /// <summary>Folds in what the sides reported and plans the writes that follow.</summary>
    Task<PairResult> ObserveAsync(IReadOnlyList<Observation> observations, PlanMode mode);

    /// <summary>Plans again from what is known (creates after matching, retries that are due, a touch).</summary>
    Task<PairResult> PlanAsync(PlanMode mode);

    /// <summary>Settles sent writes; returns their sync-log entries.</summary>
    Task<IReadOnlyList<SyncLogEntry>> ConfirmAsync(IReadOnlyList<WriteOutcome> outcomes);

    /// <summary>After a restart: writes sent but never confirmed are repeated when that is safe, otherwise put up for review.</summary>
    Task<PairResult> RecoverAsync();

    /// <summary>After a recovering cycle has read Salesforce: Salesforce creates a stop left unknown, and that no record matched, are sent again.</summary>
    Task<PairResult> ResendUnconfirmedCreatesAsync();

    /// <summary>An operator retries a failed write, optionally with corrected values (target field names).</summary>
    Task<PairResult> RetryAsync(long sequence, IReadOnlyDictionary<string, string?>? corrections);

    Task<PairState?> GetAsync();

    /// <summary>Excludes the record from sync ("do not sync"), or includes it again.</summary>
    Task<PairState> ExcludeAsync(bool excluded, string? note);

    /// <summary>Links the pair to the given record ids (an operator's decision); the merge base starts empty.</summary>
    Task<PairState> LinkAsync(string appId, string salesforceId);

    /// <summary>Forgets the link; both records stay as they are and stop syncing.</summary>
    Task<PairState> UnlinkAsync();

    /// <summary>Removes the pair, which holds one record about to be linked in another pair (so no empty pair stays behind).</summary>
    /// <exception cref="InvalidOperationException">The pair holds records of both sides.</exception>
    Task ReleaseAsync();

    /// <summary>Records that the app viewed or opened the record.</summary>
    Task TouchAsync(DateTimeOffset at);
}

[GenerateSerializer]
public enum PlanMode
{
    /// <summary>Record what was seen; decide nothing (activity-aware sync, record not touched lately).</summary>
    ObserveOnly,

    /// <summary>Plan updates and deletes of linked records; records without counterpart wait for matching.</summary>
    Updates,

    /// <summary>Also create counterparts.</summary>
    UpdatesAndCreates,
}

/// <summary>What a pair decided.</summary>
[GenerateSerializer, Immutable]
public sealed record PairResult
{
    public static PairResult Empty { get; } = new();

    /// <summary>The observation names a record id other than the one this pair holds (or another pair holds it): nothing was applied.</summary>
    [Id(0)] public bool Rejected { get; init; }

    [Id(1)] public IReadOnlyList<PlannedWrite> Writes { get; init; } = [];

    /// <summary>Conflicts and notes to log.</summary>
    [Id(2)] public IReadOnlyList<SyncLogEntry> Log { get; init; } = [];

    /// <summary>Whether the pair still waits for a counterpart.</summary>
    [Id(3)] public bool Unpaired { get; init; }
}

/// <summary>A write to send, with the record ids it needs.</summary>
[GenerateSerializer, Immutable]
public sealed record PlannedWrite(
    [property: Id(0)] string PairKey,
    [property: Id(1)] string? AppId,
    [property: Id(2)] string? SalesforceId,
    [property: Id(3)] OutboxEntry Entry);

/// <summary>A pair grain's key: integration, mapping and pair id.</summary>
public static class PairKey
{
    public static string Of(string integrationId, string mapping, string pairId) => $"{integrationId}|{mapping}|{pairId}";

    public static (string IntegrationId, string Mapping, string PairId) Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var parts = key.Split('|');
        return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw new ArgumentException($"'{key}' is not a pair key.", nameof(key));
    }

    public static string NewPairId() => Guid.CreateVersion7().ToString("N");
}
