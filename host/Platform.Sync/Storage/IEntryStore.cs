using Platform.Sdk;

namespace Platform.Sync;

/// <summary>
/// The log of entries integrations received from Salesforce (every one, complete or not, with its outcome), and the
/// marks that tell which records already fired which triggers with which values, so a record re-read fires nothing new.
/// </summary>
public interface IEntryStore
{
    /// <summary>Saves a new entry and returns it with its assigned <see cref="ReceiverEntry.Id"/>.</summary>
    Task<ReceiverEntry> AddAsync(ReceiverEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Replaces a saved entry (its values, outcome, attempts).</summary>
    Task UpdateAsync(ReceiverEntry entry, CancellationToken cancellationToken = default);

    Task<ReceiverEntry?> GetAsync(string integrationId, long id, CancellationToken cancellationToken = default);

    /// <summary>Finds entries, newest first.</summary>
    Task<IReadOnlyList<ReceiverEntry>> ListAsync(EntryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The marks of these records of one object: record id → mark. Records without one are left out.</summary>
    Task<IReadOnlyDictionary<string, string>> GetMarksAsync(string integrationId, string objectName, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken = default);

    /// <summary>Sets marks (record id → mark; null removes it).</summary>
    Task SetMarksAsync(string integrationId, string objectName, IReadOnlyDictionary<string, string?> marks, CancellationToken cancellationToken = default);

    /// <summary>Removes an integration's entries and marks.</summary>
    Task DeleteIntegrationAsync(string integrationId, CancellationToken cancellationToken = default);
}

/// <summary>One entry received from Salesforce and what became of it.</summary>
public sealed record ReceiverEntry
{
    public long Id { get; init; }

    public required string IntegrationId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The trigger's action (e.g. a referral status).</summary>
    public required string Action { get; init; }

    public required string TriggerObject { get; init; }

    public required string TriggerId { get; init; }

    /// <summary>Receiver field → value as text; null when Salesforce had none (see <see cref="Notes"/>).</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    public IReadOnlyList<SalesforcePerson> People { get; init; } = [];

    /// <summary>Why values are null (no related record, several, relational field).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public EntryStatus Status { get; init; } = EntryStatus.Received;

    public string Message { get; init; } = "";

    public IReadOnlyList<string> AppRecordIds { get; init; } = [];

    /// <summary>How many times it was processed.</summary>
    public int Attempts { get; init; }

    /// <summary>Whether an operator approved it after review.</summary>
    public bool Approved { get; init; }

    /// <summary>Whether an operator changed its values.</summary>
    public bool Edited { get; init; }

    public DateTimeOffset? ProcessedAt { get; init; }
}

/// <summary>Which entries to list.</summary>
public sealed record EntryQuery
{
    public required string IntegrationId { get; init; }

    public EntryStatus? Status { get; init; }

    /// <summary>The Salesforce id of the record that fired it.</summary>
    public string? TriggerId { get; init; }

    /// <summary>Only entries older than this id (paging newest first).</summary>
    public long? Before { get; init; }

    public int Limit { get; init; } = 100;
}
