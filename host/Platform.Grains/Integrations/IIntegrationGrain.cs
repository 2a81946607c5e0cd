using Orleans.Concurrency;

using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <summary>One connector bound to one Salesforce instance: its configuration, watermarks, schedule and cycles.</summary>
public interface IIntegrationGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the configuration (already validated by the caller) and (re)starts the schedule.</summary>
    Task<IntegrationSnapshot> SaveAsync(IntegrationConfig config);

    /// <summary>The configuration and its version; null when the integration does not exist.</summary>
    [AlwaysInterleave]
    Task<IntegrationSnapshot?> GetAsync();

    [AlwaysInterleave]
    Task<IntegrationStatus> GetStatusAsync();

    Task DeleteAsync();

    /// <summary>Enables or disables the integration (disabled: no cycles, kept configured).</summary>
    Task SetEnabledAsync(bool enabled);

    /// <summary>Pauses or resumes it by an operator's decision.</summary>
    Task SetPausedAsync(bool paused);

    /// <summary>The connector's check of the app with the saved settings; passing ends a pause for refused app credentials.</summary>
    Task<AppCheck> TestAppAsync();

    /// <summary>Runs a cycle now (unless one is running) and returns when it is done.</summary>
    /// <remarks>An initial sync of a large org takes minutes, far beyond Orleans' default 30-second response timeout.</remarks>
    [ResponseTimeout("02:00:00")]
    Task<CycleReport> SyncNowAsync();

    /// <summary>Syncs these pairs at once (the app viewed or opened the records); app ids without a pair are fetched and paired.</summary>
    Task<CycleReport> SyncRecordsAsync(string mapping, IReadOnlyList<string> pairIds, IReadOnlyList<string> appIds);

    /// <summary>Sends a write an operator retried.</summary>
    Task<CycleReport> DispatchAsync(string mapping, IReadOnlyList<Pairs.PlannedWrite> writes);

    /// <summary>
    /// Processes a received entry again, with an operator's corrections (receiver field → value; empty clears it) and,
    /// when <paramref name="approve"/> is set, past the rules that put it under review. False when no such entry exists.
    /// </summary>
    Task<bool> RetryEntryAsync(long entryId, IReadOnlyDictionary<string, string?> edits, bool approve);

    /// <summary>Makes sure the schedule runs (called at silo start for every registered integration).</summary>
    Task StartAsync();

    /// <summary>Publishes a record's files not yet published (e.g. a project's response packages) to Salesforce now.</summary>
    /// <returns>One outcome per file of the record; null when the app has no such record.</returns>
    /// <exception cref="InvalidOperationException">The integration is disabled or paused, or its connector has no files.</exception>
    Task<IReadOnlyList<FileOutcome>?> PublishFilesAsync(string entity, string recordId);

    /// <summary>
    /// Starts matching (or stays in it): cycles read both systems and write nothing until <see cref="CompleteMatchingAsync"/>.
    /// A master, when given, becomes every mapping's conflict policy: the side whose value wins a field both records hold
    /// when they are linked, and later when both change.
    /// </summary>
    Task<IntegrationSnapshot> BeginMatchingAsync(ConflictPolicyKind? master);

    /// <summary>Ends matching and runs the first syncing cycle, which reads both systems afresh and plans every record.</summary>
    [ResponseTimeout("02:00:00")]
    Task<CycleReport> CompleteMatchingAsync();
}

/// <summary>An integration's configuration and version.</summary>
[GenerateSerializer, Immutable]
public sealed record IntegrationSnapshot([property: Id(0)] IntegrationConfig Config, [property: Id(1)] long Version);

/// <summary>How an integration is doing.</summary>
[GenerateSerializer, Immutable]
public sealed record IntegrationStatus
{
    [Id(0)] public bool Enabled { get; init; }

    [Id(1)] public bool Paused { get; init; }

    /// <summary>Why it is paused (operator, API budget spent, credentials refused), or null.</summary>
    [Id(2)] public string? PausedReason { get; init; }

    [Id(3)] public DateTimeOffset? LastCycleAt { get; init; }

    [Id(4)] public DateTimeOffset? LastSuccessAt { get; init; }

    [Id(5)] public string? LastError { get; init; }

    [Id(6)] public SyncCounters Counters { get; init; } = new();

    [Id(7)] public bool Running { get; init; }

    /// <summary>When the receiver last saved an entry from Salesforce.</summary>
    [Id(9)] public DateTimeOffset? LastEntryReceivedAt { get; init; }

    /// <summary>In matching: cycles read both systems and write nothing.</summary>
    [Id(10)] public bool Matching { get; init; }

    /// <summary>The silo the integration runs on.</summary>
    [Id(11)] public string Silo { get; init; } = "";
}

/// <summary>Running totals.</summary>
[GenerateSerializer, Immutable]
public sealed record SyncCounters
{
    [Id(0)] public long Cycles { get; init; }

    [Id(1)] public long RecordsRead { get; init; }

    [Id(2)] public long WritesToSalesforce { get; init; }

    [Id(3)] public long WritesToApp { get; init; }

    [Id(4)] public long Failures { get; init; }

    [Id(5)] public long Conflicts { get; init; }

    public SyncCounters Add(CycleReport report) => new()
    {
        Cycles = Cycles + 1,
        RecordsRead = RecordsRead + report.RecordsRead,
        WritesToSalesforce = WritesToSalesforce + report.WritesToSalesforce,
        WritesToApp = WritesToApp + report.WritesToApp,
        Failures = Failures + report.Failures,
        Conflicts = Conflicts + report.Conflicts,
    };
}

/// <summary>What one cycle did.</summary>
[GenerateSerializer, Immutable]
public sealed record CycleReport
{
    [Id(0)] public long RecordsRead { get; init; }

    [Id(1)] public long WritesToSalesforce { get; init; }

    [Id(2)] public long WritesToApp { get; init; }

    [Id(3)] public long Failures { get; init; }

    [Id(4)] public long Conflicts { get; init; }

    /// <summary>Set when the cycle did not run or stopped early, and why.</summary>
    [Id(5)] public string? Skipped { get; init; }

    [Id(6)] public long SalesforceApiCalls { get; init; }

    /// <summary>Entries the receiver saved from Salesforce.</summary>
    [Id(7)] public long EntriesReceived { get; init; }

    public static CycleReport operator +(CycleReport a, CycleReport b) => new()
    {
        EntriesReceived = a.EntriesReceived + b.EntriesReceived,
        RecordsRead = a.RecordsRead + b.RecordsRead,
        WritesToSalesforce = a.WritesToSalesforce + b.WritesToSalesforce,
        WritesToApp = a.WritesToApp + b.WritesToApp,
        Failures = a.Failures + b.Failures,
        Conflicts = a.Conflicts + b.Conflicts,
        Skipped = a.Skipped ?? b.Skipped,
        SalesforceApiCalls = a.SalesforceApiCalls + b.SalesforceApiCalls,
    };
}

/// <summary>Where each mapping's feeds stand.</summary>
[GenerateSerializer]
public sealed class MappingCursor
{
    /// <summary>The Salesforce keyset watermark: every record up to (SystemModstamp, Id) has been handled.</summary>
    [Id(0)] public DateTimeOffset? SalesforceModstamp { get; set; }

    [Id(1)] public string? SalesforceLastId { get; set; }

    /// <summary>getDeleted has been read up to here.</summary>
    [Id(2)] public DateTimeOffset? DeletesThrough { get; set; }

    /// <summary>The app change feed's cursor.</summary>
    [Id(3)] public string? AppCursor { get; set; }

    /// <summary>Set between reading the feeds and finishing the creates: a restart then revisits every unpaired record.</summary>
    [Id(4)] public bool CreatesPending { get; set; }

    /// <summary>Per parent path (<see cref="MappingRules.ParentPaths"/>): changes to those parents are handled up to this SystemModstamp.</summary>
    [Id(5)] public Dictionary<string, DateTimeOffset> ParentModstamps { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

[GenerateSerializer]
public sealed class IntegrationGrainState
{
    [Id(0)] public IntegrationConfig? Config { get; set; }

    [Id(1)] public long Version { get; set; }

    [Id(2)] public bool PausedByOperator { get; set; }

    [Id(3)] public Dictionary<string, MappingCursor> Cursors { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public SyncCounters Counters { get; set; } = new();

    [Id(5)] public DateTimeOffset? LastCycleAt { get; set; }

    [Id(6)] public DateTimeOffset? LastSuccessAt { get; set; }

    [Id(7)] public string? LastError { get; set; }

    [Id(8)] public string? PausedReason { get; set; }

    /// <summary>The receiver's feed position per trigger object.</summary>
    [Id(9)] public Dictionary<string, Receivers.ReceiverCursor> ReceiverCursors { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    [Id(10)] public DateTimeOffset? LastEntryReceivedAt { get; set; }

    /// <summary>Files published to Salesforce: "entity/record id/file id" → ContentVersion id, so each is published once.</summary>
    [Id(11)] public Dictionary<string, string> PublishedFiles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Where auto-publishing reads the app's new files from.</summary>
    [Id(12)] public string? FilesCursor { get; set; }

    /// <summary>Records found in both systems are being matched by an operator: cycles only read.</summary>
    [Id(13)] public bool Matching { get; set; }

    /// <summary>The pause is the app refusing the connector's credentials (Salesforce is fine): probed through the connector.</summary>
    [Id(14)] public bool PausedForApp { get; set; }

    public MappingCursor Cursor(string mapping) =>
        Cursors.TryGetValue(mapping, out var cursor) ? cursor : Cursors[mapping] = new MappingCursor();
}

/// <summary>What the connector's check of the app found, and whether passing it ended a pause.</summary>
[GenerateSerializer, Immutable]
public sealed record AppCheck([property: Id(0)] IReadOnlyList<string> Problems, [property: Id(1)] bool Resumed);

/// <summary>What publishing one file did.</summary>
[GenerateSerializer, Immutable]
public sealed record FileOutcome
{
    [Id(0)] public required string FileId { get; init; }

    [Id(1)] public required string FileName { get; init; }

    /// <summary>published, already_published, skipped (no associated Salesforce record) or failed.</summary>
    [Id(2)] public required string State { get; init; }

    [Id(3)] public string? SalesforceRecordId { get; init; }

    [Id(4)] public string? ContentVersionId { get; init; }

    [Id(5)] public string? FeedItemId { get; init; }

    [Id(6)] public string? Message { get; init; }
}
