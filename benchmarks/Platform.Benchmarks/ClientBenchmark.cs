using System.Diagnostics;
using Platform.Emulators.Salesforce;
using Platform.Salesforce;

namespace Platform.Benchmarks;

/// <summary>
/// The Salesforce client against the emulator over real HTTP: API calls and wall time to write and read N records by
/// Collections/REST and by Bulk API 2.0, next to the theoretical minimum; and client-side work (payload serialization and
/// typed conversion) measured apart from the network.
/// </summary>
internal static class ClientBenchmark
{
    public static async Task RunAsync(int records, Report report)
    {
        var scenario = $"client N={records:N0}";
        await using var emulator = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        using var http = new HttpClient();
        using var client = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = emulator.BaseUrl,
            Credentials = new PasswordCredentials("platform-emulator", "emulator-secret", "admin@example.com", "emulator"),
            BulkPollInterval = TimeSpan.FromMilliseconds(20),
        });
        // Metadata is fetched once per connection (the sync engine does it when a mapping is saved); the figures count data calls.
        await client.DescribeAsync("Account");
        await client.DescribeAsync("User");
        var batch = Enumerable.Range(0, records).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["Name"] = $"Client {i:000000}",
            ["Industry"] = "Banking",
            ["NumberOfEmployees"] = (long)(i % 5000),
            ["AnnualRevenue"] = 1000m + i,
            ["Website"] = "https://example.com",
        }).ToList();

        await MeasureAsync(report, scenario, "write, Collections", records, (records + 199) / 200, client,
            async () => (await client.CreateManyAsync("Account", batch, new WriteOptions { Mode = WriteMode.Collections })).Count(r => r.Success));
        await MeasureAsync(report, scenario, "write, Bulk 2.0 (one job)", records, 6, client,
            async () => (await client.CreateManyAsync("Account", batch, new WriteOptions { Mode = WriteMode.Bulk })).Count(r => r.Success));

        var soql = Soql.Format($"SELECT Id, Name, Industry, NumberOfEmployees, AnnualRevenue, Owner.Name FROM Account WHERE Name LIKE {"Client":startswith}");
        await MeasureAsync(report, scenario, "read, REST pages (2 copies)", 2 * records, (2 * records + 1999) / 2000, client,
            () => CountAsync(client.ReadAsync(soql, new ReadOptions { UseBulk = false })));
        // A Bulk query costs one call to create, one to poll, and one per result page (100,000 rows per page here).
        await MeasureAsync(report, scenario, "read, Bulk 2.0 query", 2 * records, 2 + ((2 * records) + 99_999) / 100_000, client,
            () => CountAsync(client.ReadAsync(soql, new ReadOptions { UseBulk = true })));

        var page = await client.QueryPageAsync(soql);
        var reader = new RecordReader(new DescribeCacheAdapter(client).Cache);
        var convert = Stopwatch.StartNew();
        var converted = 0;
        while (converted < records)
        {
            foreach (var record in page.Records)
            {
                await reader.ReadAsync(record, CancellationToken.None);
                converted++;
            }
        }

        convert.Stop();
        report.Add(scenario, "client-side typed conversion (JSON → values)", converted / convert.Elapsed.TotalSeconds, "records/s");
        var describe = await client.DescribeAsync("Account");
        var serialize = Stopwatch.StartNew();
        foreach (var chunk in batch.Chunk(200))
        {
            RecordPayload.Json(w =>
            {
                w.WriteStartArray();
                foreach (var values in chunk)
                {
                    RecordPayload.Check(describe, values, creating: true);
                    w.WriteStartObject();
                    RecordPayload.WriteProperties(w, describe, values, id: null, withAttributes: true);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        serialize.Stop();
        report.Add(scenario, "client-side check + serialization (values → JSON)", records / serialize.Elapsed.TotalSeconds, "records/s");
    }

    private static async Task MeasureAsync(Report report, string scenario, string name, int expected, int minimumCalls, SalesforceClient client, Func<Task<int>> run)
    {
        var calls = client.ApiCalls;
        var watch = Stopwatch.StartNew();
        var done = await run();
        watch.Stop();
        var used = client.ApiCalls - calls;
        report.Add(scenario, name, done / watch.Elapsed.TotalSeconds, "records/s");
        report.Add(scenario, "  API calls vs minimum", $"{used:N0} vs {minimumCalls:N0}{(done == expected ? "" : $" (only {done:N0} of {expected:N0} records!)")}");
    }

    private static async Task<int> CountAsync(IAsyncEnumerable<SalesforceRecord> records)
    {
        var count = 0;
        await foreach (var _ in records)
        {
            count++;
        }

        return count;
    }

    /// <summary>Reuses the client's describe cache for the offline conversion measurement.</summary>
    private sealed class DescribeCacheAdapter(SalesforceClient client)
    {
        public DescribeCache Cache { get; } = client.Describes;
    }
}
