using System.Collections.Concurrent;
using System.Diagnostics;
using Platform.Grains.Telemetry;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests.Telemetry;

public sealed class TracingEndToEndTests
{
    [Fact]
    public async Task SyncNow_CalledInsideATrace_TheCycleJoinsThatTraceThroughGrpcAndOrleans()
    {
        var recorded = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is SyncMetrics.ActivitySourceName or "Platform.Host.Tests",
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = recorded.Add,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("Platform.Host.Tests");
        await using var sync = await SyncFixture.StartAsync();
        sync.App.Put("contact", null, ("lastName", "Lovelace"), ("email", "ada@example.com"));
        await sync.ConnectAsync(SampleIntegration.Contacts());

        ActivityTraceId traceId;
        Platform.Control.V1.CycleReport report;
        using (var operation = source.StartActivity("operator asks for a sync")!)
        {
            traceId = operation.TraceId;
            report = await sync.SyncAsync();
        }

        // Other tests' hosts run cycles in this process too: only this trace's cycle counts.
        var cycle = recorded.Where(a => a.TraceId == traceId && a.OperationName == "sync cycle").ShouldHaveSingleItem();
        cycle.GetTagItem("platform.integration").ShouldBe("contacts");
        cycle.GetTagItem("platform.outcome").ShouldBe("completed");
        cycle.GetTagItem("platform.writes.salesforce").ShouldBe(report.WritesToSalesforce);
    }
}
