namespace Platform.Sync;

/// <summary>
/// What the app gateway keeps durably per integration: the records apps pushed (each record's latest state, in push
/// order, which is the connector's change feed and the answer to "read one record"), and the platform's writes to the
/// apps until they acknowledge them.
/// </summary>
public interface IGatewayStore
{
    /// <summary>Keeps the latest state of each pushed record; a record pushed again moves to the end of the feed.</summary>
    /// <returns>The feed position of the last change.</returns>
    Task<long> PushAsync(string integrationId, string entity, IReadOnlyList<GatewayRecord> records, CancellationToken cancellationToken = default);

    /// <summary>The records pushed after feed position <paramref name="after"/>, oldest first.</summary>
    Task<IReadOnlyList<GatewayRecord>> ReadChangesAsync(string integrationId, string entity, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>A record's latest pushed state (deleted ones included), or null when it was never pushed.</summary>
    Task<GatewayRecord?> GetRecordAsync(string integrationId, string entity, string recordId, CancellationToken cancellationToken = default);

    /// <summary>Queues writes for the app in one transaction, once per idempotency key: a write whose key is already queued comes back as queued (with its answer, if any).</summary>
    /// <returns>The queued writes, in the order given.</returns>
    Task<IReadOnlyList<GatewayWrite>> EnqueueAsync(IReadOnlyList<GatewayWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>The writes not acknowledged yet, after sequence <paramref name="after"/>, in order.</summary>
    Task<IReadOnlyList<GatewayWrite>> PendingWritesAsync(string integrationId, long after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Records the app's answer to a write; null when no write with that sequence awaits an answer (a second answer leaves the first).</summary>
    Task<GatewayWrite?> AcknowledgeAsync(string integrationId, long sequence, GatewayWriteResult result, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The write queued with an idempotency key, or null.</summary>
    Task<GatewayWrite?> FindWriteAsync(string integrationId, string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Removes an integration's records and writes.</summary>
    Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default);
}

/// <summary>A record as an app pushed it: values as canonical text (see <see cref="Canonical"/>), null for empty.</summary>
public sealed record GatewayRecord
{
    /// <summary>The feed position; assigned by the store.</summary>
    public long Position { get; init; }

    public required string Id { get; init; }

    public bool Deleted { get; init; }

    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public DateTimeOffset? ModifiedAt { get; init; }

    public DateTimeOffset? ActiveAt { get; init; }
}

/// <summary>One of the platform's writes to an app, and the app's answer once it gave one.</summary>
public sealed record GatewayWrite
{
    /// <summary>The order writes are delivered in; assigned by the store.</summary>
    public long Sequence { get; init; }

    public required string IntegrationId { get; init; }

    public required string Entity { get; init; }

    /// <summary>create, update or delete.</summary>
    public required string Kind { get; init; }

    /// <summary>The record's app id; null for creates.</summary>
    public string? RecordId { get; init; }

    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public required string IdempotencyKey { get; init; }

    public required DateTimeOffset QueuedAt { get; init; }

    /// <summary>The app's answer; null until it acknowledges the write.</summary>
    public GatewayWriteResult? Result { get; init; }
}

/// <summary>The app's answer to a write: the record's id, or why it failed.</summary>
public sealed record GatewayWriteResult
{
    public string? RecordId { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Whether the app says trying again later may succeed.</summary>
    public bool Transient { get; init; }

    public bool Succeeded => ErrorCode is null;
}
