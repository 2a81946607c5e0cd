using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Emulators.Salesforce;

namespace Platform.Benchmarks;

/// <summary>
/// The Salesforce emulator must never be the bottleneck: Collections writes and paged query reads over real HTTP with
/// the org holding the given number of records (issue targets: 20,000 and 50,000 records/s on 2 cores).
/// </summary>
internal static class EmulatorBenchmark
{
    private const int Writers = 4;

    public static async Task RunAsync(int records, Report report)
    {
        await using var emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await LoginAsync(http));

        await WriteAsync(http, 2_000, "warm-up");
        var calls = emulator.Org.Calls.Calls.Count;
        var written = Stopwatch.StartNew();
        await WriteAsync(http, records, "Bench");
        written.Stop();
        var writeCalls = emulator.Org.Calls.Calls.Count - calls;
        report.Add("emulator", $"Collections create, {records:N0} records", records / written.Elapsed.TotalSeconds, "records/s");
        report.Add("emulator", "  API calls", $"{writeCalls:N0} ({records / (double)writeCalls:N0} records/call)");

        await ReadAsync(http, "SELECT Id FROM Account LIMIT 2000");
        calls = emulator.Org.Calls.Calls.Count;
        var read = Stopwatch.StartNew();
        var rows = await ReadAsync(http, "SELECT Id, Name, Industry, NumberOfEmployees, Owner.Name, SystemModstamp FROM Account WHERE Name LIKE 'Bench%' ORDER BY SystemModstamp, Id");
        read.Stop();
        report.Add("emulator", $"Paged query read, {rows:N0} rows (6 fields incl. Owner.Name)", rows / read.Elapsed.TotalSeconds, "records/s");
        report.Add("emulator", "  API calls", $"{emulator.Org.Calls.Calls.Count - calls:N0} pages");
        report.Add("emulator", "  process working set", Environment.WorkingSet / (1024.0 * 1024), "MiB");
    }

    private static async Task<string> LoginAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "platform-emulator",
            ["client_secret"] = "emulator-secret",
            ["username"] = "admin@example.com",
            ["password"] = "emulator",
        }));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task WriteAsync(HttpClient http, int records, string prefix)
    {
        var batches = Enumerable.Range(0, (records + 199) / 200).ToList();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (batch, cancellationToken) =>
        {
            var body = new
            {
                allOrNone = false,
                records = Enumerable.Range(batch * 200, Math.Min(200, records - (batch * 200)))
                    .Select(i => new { attributes = new { type = "Account" }, Name = $"{prefix} {i:000000}", Industry = "Banking", NumberOfEmployees = i % 5000, Website = "https://example.com" }),
            };
            using var response = await http.PostAsJsonAsync("/services/data/v60.0/composite/sobjects", body, cancellationToken);
            response.EnsureSuccessStatusCode();
        });
    }

    private static async Task<int> ReadAsync(HttpClient http, string soql)
    {
        var rows = 0;
        string? next = $"/services/data/v60.0/query?q={Uri.EscapeDataString(soql)}";
        while (next is not null)
        {
            using var response = await http.GetAsync(next);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var page = await JsonDocument.ParseAsync(stream);
            rows += page.RootElement.GetProperty("records").GetArrayLength();
            next = page.RootElement.GetProperty("done").GetBoolean() ? null : page.RootElement.GetProperty("nextRecordsUrl").GetString();
        }

        return rows;
    }
}
