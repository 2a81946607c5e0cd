namespace Platform.Grains.Integrations;

/// <summary>Engine settings (section <c>Platform:Sync</c>).</summary>
public sealed class SyncEngineOptions
{
    public const string SectionName = "Platform:Sync";

    /// <summary>How far before the Salesforce watermark each read starts again, to catch records committed late with an earlier SystemModstamp. Default: 5 minutes.</summary>
    public TimeSpan OverlapWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Records per Salesforce query page and per engine batch (200–2,000). Default: 2,000.</summary>
    public int SalesforcePageSize { get; set; } = 2000;

    /// <summary>
    /// Above this many Salesforce writes of one kind in a batch, they go through Bulk API 2.0 jobs instead of sObject
    /// Collections calls of 200 (Salesforce's own guidance: Bulk for more than 2,000 records). Default: 2,000.
    /// </summary>
    public int BulkWriteThreshold { get; set; } = 2000;

    /// <summary>Records per Bulk API 2.0 ingest job. Default: 10,000.</summary>
    public int BulkJobSize { get; set; } = 10_000;

    /// <summary>
    /// Unpaired records planned for creation together (an initial sync's creates come in batches of this size, so a
    /// batch above <see cref="BulkWriteThreshold"/> goes through Bulk jobs). Default: 10,000.
    /// </summary>
    public int CreateBatchSize { get; set; } = 10_000;

    /// <summary>Changes asked from the app per page. Default: 1,000.</summary>
    public int AppPageSize { get; set; } = 1000;

    /// <summary>The shortest schedule interval accepted. Default: 1 second.</summary>
    public TimeSpan MinimumInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a durable reminder checks that an integration's schedule runs somewhere: after its silo is lost, the
    /// reminder wakes it on another. Orleans refuses periods below its <c>MinimumReminderPeriod</c> (1 minute unless
    /// <c>Platform:Silo:Reminders:MinimumReminderPeriod</c> lowers it). Default: 1 minute.
    /// </summary>
    public TimeSpan KeepAlivePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How often a long cycle reports its progress so far (a <c>progress</c> sync event, which CLIs show as a progress bar):
    /// after a batch, when at least this long has passed since the cycle started or last reported. 0: after every batch.
    /// Default: 1 second, so short cycles report none.
    /// </summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>While paused for budget, how often one probe call checks whether usage has fallen. Default: 5 minutes.</summary>
    public TimeSpan BudgetRecheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}
