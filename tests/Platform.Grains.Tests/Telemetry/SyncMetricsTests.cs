using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Events;
using Platform.Grains.Integrations;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Tests.Telemetry;

public sealed class SyncMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().AddSingleton<SyncMetrics>().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public SyncMetricsTests()
    {
        // Only this test's meter: other tests' hosts in the process create meters of the same name.
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private SyncMetrics Metrics => _services.GetRequiredService<SyncMetrics>();

    [Fact]
    public void Observe_EachEventKind_CountsConflictsRecordAndCycleFailuresReviewsAndEntriesOnly()
    {
        var at = DateTimeOffset.UnixEpoch;
        foreach (var syncEvent in new SyncEvent[]
        {
            new(at, "int-1", SyncEventKind.Conflict, "Title changed on both sides", PairId: "p1"),
            new(at, "int-1", SyncEventKind.Failure, "Refused", PairId: "p2"),
            new(at, "int-1", SyncEventKind.Failure, "Cycle failed"),
            new(at, "int-1", SyncEventKind.Review, "Needs review", PairId: "p3"),
            new(at, "int-2", SyncEventKind.Entry, "Entry 1 received", EntryId: 1),
            new(at, "int-1", SyncEventKind.Progress, "Half way", Count: 50),
            new(at, "int-1", SyncEventKind.CycleStarted, "Cycle started"),
        })
        {
            Metrics.Observe(syncEvent);
        }

        _measurements.Select(m => (m.Instrument, m.Value, Tags(m.Tags))).ShouldBe(
        [
            ("platform.sync.conflicts", 1, "integration=int-1"),
            ("platform.sync.failures", 1, "integration=int-1,kind=record"),
            ("platform.sync.failures", 1, "integration=int-1,kind=cycle"),
            ("platform.sync.reviews", 1, "integration=int-1"),
            ("platform.receiver.entries", 1, "integration=int-2"),
        ]);
    }

    [Fact]
    public void CycleFinished_Report_CountsWritesPerDirectionReadsCallsAndTimesTheCycle()
    {
        var report = new CycleReport { WritesToSalesforce = 3, WritesToApp = 2, RecordsRead = 9, SalesforceApiCalls = 4 };

        Metrics.CycleFinished("int-1", "org-1", report, TimeSpan.FromSeconds(1.5), "completed", (120, 15_000));
        _listener.RecordObservableInstruments();

        _measurements.Select(m => (m.Instrument, m.Value, Tags(m.Tags))).ShouldBe(
        [
            ("platform.sync.records", 3, "direction=to_salesforce,integration=int-1"),
            ("platform.sync.records", 2, "direction=to_app,integration=int-1"),
            ("platform.sync.records.read", 9, "integration=int-1"),
            ("platform.salesforce.api.calls", 4, "instance=org-1,integration=int-1"),
            ("platform.sync.cycle.duration", 1.5, "integration=int-1,outcome=completed"),
            ("platform.salesforce.api.usage", 120, "instance=org-1"),
            ("platform.salesforce.api.limit", 15_000, "instance=org-1"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void CycleFinished_BudgetNotYetKnown_ReportsNoBudget()
    {
        Metrics.CycleFinished("int-1", "org-1", new CycleReport(), TimeSpan.Zero, "failed", budget: null);
        _listener.RecordObservableInstruments();

        _measurements.ShouldNotContain(m => m.Instrument.StartsWith("platform.salesforce.api.u", StringComparison.Ordinal) || m.Instrument == "platform.salesforce.api.limit");
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Add((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));

    private static string Tags(Dictionary<string, object?> tags) => string.Join(",", tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}"));
}
