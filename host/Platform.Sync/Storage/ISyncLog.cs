namespace Platform.Sync;

/// <summary>The append-only record of every sync operation: what was written where, with which values, and how it went.</summary>
public interface ISyncLog
{
    /// <summary>Appends entries; their <see cref="SyncLogEntry.Id"/> is assigned by the log.</summary>
    Task AppendAsync(IReadOnlyList<SyncLogEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>Finds entries, newest first.</summary>
    Task<IReadOnlyList<SyncLogEntry>> QueryAsync(SyncLogQuery query, CancellationToken cancellationToken = default);
}

/// <summary>One operation in the sync log.</summary>
[GenerateSerializer, Immutable]
public sealed record SyncLogEntry
{
    [Id(0)] public long Id { get; init; }

    [Id(1)] public required DateTimeOffset At { get; init; }

    [Id(2)] public required string IntegrationId { get; init; }

    [Id(3)] public string? Mapping { get; init; }

    [Id(4)] public string? PairId { get; init; }

    [Id(5)] public string? AppId { get; init; }

    [Id(6)] public string? SalesforceId { get; init; }

    /// <summary>The side written to; null for entries about the integration as a whole.</summary>
    [Id(7)] public Side? Target { get; init; }

    /// <summary>create, update, delete, conflict, review, cycle, pause…</summary>
    [Id(8)] public required string Operation { get; init; }

    /// <summary>The outcome: the outbox state of a write (succeeded, failed…) or info for notes.</summary>
    [Id(9)] public required string State { get; init; }

    [Id(10)] public long? Sequence { get; init; }

    /// <summary>The values written (JSON object of field → canonical text).</summary>
    [Id(11)] public string? Payload { get; init; }

    [Id(12)] public string? Error { get; init; }

    [Id(13)] public string? ErrorCode { get; init; }

    [Id(14)] public required string Message { get; init; }
}

/// <summary>Which log entries to return.</summary>
public sealed record SyncLogQuery
{
    public string? IntegrationId { get; init; }

    public string? PairId { get; init; }

    /// <summary>An app or Salesforce record id.</summary>
    public string? RecordId { get; init; }

    public string? State { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    /// <summary>Text found in the message, error or payload (case-insensitive).</summary>
    public string? Text { get; init; }

    /// <summary>Only entries older than this id (paging newest first).</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = 100;
}
