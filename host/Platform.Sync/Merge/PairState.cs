namespace Platform.Sync;

/// <summary>
/// Everything the platform knows about one paired record: the link, the values last seen on each side, the values
/// both sides last agreed on (the merge base, per side so value maps need not be reversible), the outbox and the
/// conflict history. Values are <see cref="Canonical"/> text keyed by field name of their side.
/// </summary>
[GenerateSerializer]
public sealed class PairState
{
    [Id(0)] public required string IntegrationId { get; set; }

    [Id(1)] public required string Mapping { get; set; }

    [Id(2)] public required string PairId { get; set; }

    [Id(3)] public string? AppId { get; set; }

    [Id(4)] public string? SalesforceId { get; set; }

    [Id(5)] public PairStatus Status { get; set; } = PairStatus.AppOnly;

    [Id(6)] public Dictionary<string, string?> AppValues { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public Dictionary<string, string?> SalesforceValues { get; set; } = new(StringComparer.Ordinal);

    [Id(8)] public Dictionary<string, string?> AppBase { get; set; } = new(StringComparer.Ordinal);

    [Id(9)] public Dictionary<string, string?> SalesforceBase { get; set; } = new(StringComparer.Ordinal);

    [Id(10)] public DateTimeOffset? AppModifiedAt { get; set; }

    [Id(11)] public DateTimeOffset? SalesforceModifiedAt { get; set; }

    [Id(12)] public bool AppDeleted { get; set; }

    [Id(13)] public bool SalesforceDeleted { get; set; }

    [Id(14)] public List<OutboxEntry> Outbox { get; set; } = [];

    [Id(15)] public List<ConflictRecord> Conflicts { get; set; } = [];

    /// <summary>The next outbox sequence number.</summary>
    [Id(16)] public long NextSequence { get; set; } = 1;

    [Id(17)] public DateTimeOffset? LastSyncedAt { get; set; }

    /// <summary>When the app last reported the record viewed or opened (activity-aware sync).</summary>
    [Id(18)] public DateTimeOffset? TouchedAt { get; set; }

    /// <summary>Why the pair is broken, excluded or waiting; shown to operators.</summary>
    [Id(19)] public string? Note { get; set; }

    /// <summary>The storage version, for optimistic concurrency; 0 before the first save.</summary>
    [Id(20)] public long Version { get; set; }

    /// <summary>The Salesforce match key, when the mapping has match fields.</summary>
    [Id(21)] public string? SalesforceMatchKey { get; set; }

    [Id(22)] public string? AppMatchKey { get; set; }

    /// <summary>When the Salesforce record was created, as its feed reported.</summary>
    [Id(23)] public DateTimeOffset? SalesforceCreatedAt { get; set; }

    /// <summary>Set when the records were found on both sides (not created by the platform) and the connector has not yet decided whether to link them.</summary>
    [Id(24)] public bool MatchUndecided { get; set; }

    public bool HasOpenWrites => Outbox.Exists(e => e.State is OutboxState.New or OutboxState.Pending || (e.State == OutboxState.Failed && e.Retryable));

    /// <summary>Whether an operator must act: the pair is held, or a write awaits review or failed for good.</summary>
    public bool NeedsAttention => Status == PairStatus.Held || Outbox.Exists(e => e.State == OutboxState.NeedsReview || (e.State == OutboxState.Failed && !e.Retryable));

    public DateTimeOffset? NextRetryAt => Outbox.Where(e => e.State == OutboxState.Failed && e.Retryable).Min(e => e.NextAttemptAt);

    public OutboxState? LatestOutcome => Outbox.Count == 0 ? null : Outbox[^1].State;
}

/// <summary>One write the platform decided to make to one side, and where it stands.</summary>
[GenerateSerializer]
public sealed class OutboxEntry
{
    [Id(0)] public long Sequence { get; set; }

    [Id(1)] public Side Target { get; set; }

    [Id(2)] public WriteKind Kind { get; set; }

    /// <summary>The values to write, in the target's field names (canonical text).</summary>
    [Id(3)] public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The source values the write carries (source field names), which become the source's merge base on success.</summary>
    [Id(4)] public Dictionary<string, string?> Sources { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public OutboxState State { get; set; }

    [Id(6)] public string? Error { get; set; }

    [Id(7)] public string? ErrorCode { get; set; }

    [Id(8)] public bool Retryable { get; set; }

    [Id(9)] public int Attempts { get; set; }

    [Id(10)] public DateTimeOffset CreatedAt { get; set; }

    [Id(11)] public DateTimeOffset UpdatedAt { get; set; }

    [Id(12)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Stays the same when the write is delivered again.</summary>
    [Id(13)] public string IdempotencyKey { get; set; } = "";

    /// <summary>Why the write was made or skipped, for the sync log.</summary>
    [Id(14)] public string? Reason { get; set; }

    public bool IsOpen => State is OutboxState.New or OutboxState.Pending || (State == OutboxState.Failed && Retryable);
}

/// <summary>A field both sides changed differently since the last sync, and how it was settled.</summary>
[GenerateSerializer]
public sealed record ConflictRecord
{
    [Id(0)] public required string AppField { get; init; }

    [Id(1)] public required string SalesforceField { get; init; }

    [Id(2)] public string? AppValue { get; init; }

    [Id(3)] public string? SalesforceValue { get; init; }

    [Id(4)] public required Side Winner { get; init; }

    [Id(5)] public required string Reason { get; init; }

    [Id(6)] public DateTimeOffset At { get; init; }
}
