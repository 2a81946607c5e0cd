using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Platform.Grains.Pairs;
using Platform.Sync;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// What one node keeps for a large number of paired records: N pairs in the embedded store (copies of a pair state a real
/// sync produced: linked, merge bases of four fields, one confirmed write), then 10,000 of them active at once as pair
/// grains. The host runs alone in this process, so the process figures are the node's.
/// </summary>
internal static class PairScaleBenchmark
{
    private const int Active = 10_000;

    public static async Task RunAsync(int pairs, Report report)
    {
        var scenario = $"node with {pairs:N0} pairs";
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path, Path.Combine(AppContext.BaseDirectory, "sample-plugins"));
        var store = host.Services.GetRequiredService<IPairStore>();
        var template = Template();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, cancellationToken) =>
            await store.SaveAsync(Copy(template, i), cancellationToken));
        clock.Stop();
        report.Add(scenario, "pairs stored", pairs / clock.Elapsed.TotalSeconds, "pairs/s");
        report.Add(scenario, "SQLite file", Memory.MiB(new FileInfo(Path.Combine(data.Path, "platform.db")).Length), "MiB");
        var idleHeap = Memory.CollectedHeap();
        report.Add(scenario, "heap, no pair active", Memory.MiB(idleHeap), "MiB");

        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var step = pairs / Active;
        await Parallel.ForEachAsync(Enumerable.Range(0, Active), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            if (await grains.GetGrain<IPairGrain>(PairKey.Of("scale", "contacts", PairId(i * step))).GetAsync() is null)
            {
                throw new InvalidOperationException($"Pair {PairId(i * step)} was not stored.");
            }
        });
        var activeHeap = Memory.CollectedHeap();
        report.Add(scenario, $"heap, {Active:N0} pairs active", Memory.MiB(activeHeap), "MiB");
        report.Add(scenario, "heap per active pair", (activeHeap - idleHeap) / (double)Active, "bytes");
        report.Add(scenario, "process working set", Memory.MiB(Environment.WorkingSet), "MiB");
    }

    private static PairState Template()
    {
        var at = DateTimeOffset.UtcNow;
        Dictionary<string, string?> app = new(StringComparer.Ordinal) { ["firstName"] = "Ada", ["lastName"] = "Lovelace", ["email"] = "ada.lovelace@example.com", ["title"] = "Analyst" };
        Dictionary<string, string?> salesforce = new(StringComparer.Ordinal) { ["FirstName"] = "Ada", ["LastName"] = "Lovelace", ["Email"] = "ada.lovelace@example.com", ["Title"] = "Analyst" };
        return new PairState
        {
            IntegrationId = "scale",
            Mapping = "contacts",
            PairId = "",
            Status = PairStatus.Linked,
            AppValues = app,
            AppBase = app,
            SalesforceValues = salesforce,
            SalesforceBase = salesforce,
            AppModifiedAt = at,
            SalesforceModifiedAt = at,
            LastSyncedAt = at,
            NextSequence = 2,
            Outbox = [new OutboxEntry { Sequence = 1, Target = Side.App, Kind = WriteKind.Create, Values = app, State = OutboxState.Succeeded, Attempts = 1, CreatedAt = at, UpdatedAt = at }],
        };
    }

    private static PairState Copy(PairState template, int i) => new()
    {
        IntegrationId = template.IntegrationId,
        Mapping = template.Mapping,
        PairId = PairId(i),
        AppId = $"contact-{i}",
        SalesforceId = $"003{i:D12}AAA",
        Status = template.Status,
        AppValues = new(template.AppValues),
        AppBase = new(template.AppBase),
        SalesforceValues = new(template.SalesforceValues),
        SalesforceBase = new(template.SalesforceBase),
        AppModifiedAt = template.AppModifiedAt,
        SalesforceModifiedAt = template.SalesforceModifiedAt,
        LastSyncedAt = template.LastSyncedAt,
        NextSequence = template.NextSequence,
        Outbox = template.Outbox,
    };

    private static string PairId(int i) => $"pair-{i:D9}";
}
