using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Platform.Grains.Events;
using Platform.Grains.Integrations;

namespace Platform.Grains.Telemetry;

/// <summary>
/// The sync engine's metrics (meter <see cref="MeterName"/>) and traces (activity source <see cref="ActivitySourceName"/>).
/// Each silo counts what happens on it, so a cluster's totals are the sum over its silos. Tags are integration and
/// instance ids (a deployment has tens, not millions), never record ids.
/// </summary>
public sealed class SyncMetrics
{
    /// <summary>The meter every instrument belongs to.</summary>
    public const string MeterName = "Platform.Sync";

    /// <summary>The activity source of sync cycles.</summary>
    public const string ActivitySourceName = "Platform.Sync";

    /// <summary>Starts activities for sync cycles; nothing is recorded unless a listener (OpenTelemetry) asks.</summary>
    public static ActivitySource Activities { get; } = new(ActivitySourceName);

    private readonly ConcurrentDictionary<string, (long Used, long Allocated)> _budgets = new(StringComparer.Ordinal);
    private readonly Counter<long> _records;
    private readonly Counter<long> _recordsRead;
    private readonly Counter<long> _apiCalls;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _failures;
    private readonly Counter<long> _reviews;
    private readonly Counter<long> _entries;
    private readonly Histogram<double> _cycleDuration;
    private readonly Histogram<double> _writeLatency;

    public SyncMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _records = meter.CreateCounter<long>("platform.sync.records", "{record}", "Records written by the sync, by direction (to_salesforce, to_app).");
        _recordsRead = meter.CreateCounter<long>("platform.sync.records.read", "{record}", "Changed records read from either side.");
        _apiCalls = meter.CreateCounter<long>("platform.salesforce.api.calls", "{call}", "Salesforce API calls made by sync cycles.");
        _conflicts = meter.CreateCounter<long>("platform.sync.conflicts", "{conflict}", "Fields changed on both sides since the last sync, resolved by the mapping's policy.");
        _failures = meter.CreateCounter<long>("platform.sync.failures", "{failure}", "Failed record writes (kind=record) and failed cycles (kind=cycle).");
        _reviews = meter.CreateCounter<long>("platform.sync.reviews", "{review}", "Records and entries put in the review queue.");
        _entries = meter.CreateCounter<long>("platform.receiver.entries", "{entry}", "Entries received from Salesforce.");
        _cycleDuration = meter.CreateHistogram<double>("platform.sync.cycle.duration", "s", "How long sync cycles take, by outcome (completed, failed, paused, skipped).");
        _writeLatency = meter.CreateHistogram<double>("platform.sync.write.latency", "s", "From a write being planned to its confirmation by the target system (retries included).");
        meter.CreateObservableGauge("platform.salesforce.api.usage", () => Budgets(b => b.Used), "{call}", "The org's API requests used in the last 24 hours, as Salesforce last reported.");
        meter.CreateObservableGauge("platform.salesforce.api.limit", () => Budgets(b => b.Allocated), "{call}", "The org's daily API request allocation, as Salesforce last reported.");
    }

    /// <summary>Counts what an event tells: conflicts, failures, reviews and entries. Called where the event happened only.</summary>
    public void Observe(SyncEvent syncEvent)
    {
        ArgumentNullException.ThrowIfNull(syncEvent);
        var integration = Integration(syncEvent.IntegrationId);
        switch (syncEvent.Kind)
        {
            case SyncEventKind.Conflict:
                _conflicts.Add(1, integration);
                break;
            case SyncEventKind.Failure:
                _failures.Add(1, integration, new("kind", syncEvent.PairId is null ? "cycle" : "record"));
                break;
            case SyncEventKind.Review:
                _reviews.Add(1, integration);
                break;
            case SyncEventKind.Entry:
                _entries.Add(1, integration);
                break;
        }
    }

    /// <summary>Records a finished cycle: what it wrote and read, its Salesforce calls, how long it took and the org's budget.</summary>
    public void CycleFinished(string integrationId, string instanceId, CycleReport report, TimeSpan duration, string outcome, (long Used, long Allocated)? budget)
    {
        ArgumentNullException.ThrowIfNull(report);
        var integration = Integration(integrationId);
        _records.Add(report.WritesToSalesforce, integration, new("direction", "to_salesforce"));
        _records.Add(report.WritesToApp, integration, new("direction", "to_app"));
        _recordsRead.Add(report.RecordsRead, integration);
        _apiCalls.Add(report.SalesforceApiCalls, integration, new("instance", instanceId));
        _cycleDuration.Record(duration.TotalSeconds, integration, new("outcome", outcome));
        if (budget is { Allocated: > 0 } known)
        {
            _budgets[instanceId] = known;
        }
    }

    /// <summary>Records how long a confirmed write waited since it was planned.</summary>
    public void WriteConfirmed(string integrationId, string target, TimeSpan latency) =>
        _writeLatency.Record(Math.Max(0, latency.TotalSeconds), Integration(integrationId), new("target", target));

    private static KeyValuePair<string, object?> Integration(string id) => new("integration", id);

    private IEnumerable<Measurement<long>> Budgets(Func<(long Used, long Allocated), long> pick) =>
        _budgets.Select(b => new Measurement<long>(pick(b.Value), new KeyValuePair<string, object?>("instance", b.Key)));
}
