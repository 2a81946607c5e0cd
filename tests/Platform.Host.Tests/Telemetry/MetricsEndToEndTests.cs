using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests.Telemetry;

/// <summary>The host's <c>/metrics</c> (Prometheus text) after real syncs; the host runs as a process so only its own figures show.</summary>
public sealed partial class MetricsEndToEndTests
{
    [Fact]
    public async Task Metrics_AfterASyncWithARejectedRecord_CountWritesPerDirectionApiCallsFailuresCyclesAndActiveGrains()
    {
        await using var sync = await SyncFixture.StartAsync(hostProcess: true);
        sync.App.RejectEmails.Add("bad@example.com");
        sync.App.Put("contact", null, ("lastName", "Lovelace"), ("email", "ada@example.com"));
        sync.App.Put("contact", null, ("lastName", "Turing"), ("email", "alan@example.com"));
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Hopper", ["Email"] = "grace@example.com" });
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Refused", ["Email"] = "bad@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());

        var first = await sync.SyncAsync();
        var second = await sync.SyncAsync();
        var metrics = await ScrapeAsync(sync);

        (first.WritesToSalesforce, first.WritesToApp, first.Failures).ShouldBe((2L, 1L, 1L));
        metrics.Value("platform_sync_records_total", ("integration", "contacts"), ("direction", "to_salesforce")).ShouldBe(first.WritesToSalesforce + second.WritesToSalesforce);
        metrics.Value("platform_sync_records_total", ("integration", "contacts"), ("direction", "to_app")).ShouldBe(first.WritesToApp + second.WritesToApp);
        metrics.Value("platform_salesforce_api_calls_total", ("integration", "contacts"), ("instance", "emulated-org")).ShouldBe(first.SalesforceApiCalls + second.SalesforceApiCalls);
        metrics.Value("platform_sync_failures_total", ("integration", "contacts"), ("kind", "record")).ShouldBe(first.Failures + second.Failures);
        metrics.Value("platform_sync_cycle_duration_seconds_count", ("integration", "contacts"), ("outcome", "completed")).ShouldBe(2);
        metrics.Value("platform_sync_write_latency_seconds_count", ("integration", "contacts"), ("target", "salesforce")).ShouldBe(first.WritesToSalesforce + second.WritesToSalesforce);
        metrics.Value("platform_salesforce_api_limit", ("instance", "emulated-org")).ShouldBe(1_000_000, "the emulator's DailyApiRequests, from Sforce-Limit-Info");
        metrics.Value("platform_salesforce_api_usage", ("instance", "emulated-org")).ShouldBeGreaterThan(0);
        metrics.Value("orleans_catalog_activations", ("grain_type", "pair")).ShouldBe(4, "one pair grain per contact: two from each side");
    }

    private static async Task<Scrape> ScrapeAsync(SyncFixture sync)
    {
        using var http = new HttpClient { BaseAddress = sync.HostHttp };
        using var response = await http.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        return new Scrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Samples of a Prometheus text exposition: <c>name{label="value",…} number</c> per line.</summary>
    private sealed class Scrape(string text)
    {
        public double Value(string name, params (string Label, string Value)[] labels)
        {
            var samples = text.Split('\n')
                .Select(line => Sample().Match(line))
                .Where(m => m.Success && m.Groups["name"].Value == name && labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
                .ToList();
            samples.Count.ShouldBe(1, $"one sample of {name} with {string.Join(", ", labels)} in:\n{text}");
            return samples[0];
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)""")]
    private static partial Regex Sample();
}
