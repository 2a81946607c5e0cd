using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.SampleApp;
using Platform.Grains.Integrations;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The whole engine over real transports: the host (gRPC control API, Orleans, embedded SQLite), the Salesforce emulator
/// and the sample app (HTTP), with the sample connector. An initial sync of N records each way, timed from SyncNow to
/// its report; Salesforce API calls counted next to the minimum (and, on PostgreSQL storage, the database's commits); memory held per active paired record measured on the
/// managed heap, then again after the pair grains are collected (what a node keeps for paired records it is not syncing).
/// </summary>
internal static class EngineBenchmark
{
    private const int ReadPage = 2000;
    private const int WriteCall = 200;

    /// <summary>A Bulk ingest job's calls at the least: create, upload, close, one poll, the successful results.</summary>
    private const int CallsPerBulkJob = 5;

    private static readonly SyncEngineOptions Engine = new();

    public static async Task RunAsync(int records, Report report, bool postgres = false)
    {
        await MeasureAsync(records, toSalesforce: false, postgres, report);
        await MeasureAsync(records, toSalesforce: true, postgres, report);
    }

    private static async Task MeasureAsync(int records, bool toSalesforce, bool postgres, Report report)
    {
        var scenario = $"engine{(postgres ? " on PostgreSQL" : "")} N={records:N0} {(toSalesforce ? "app → Salesforce" : "Salesforce → app")}";
        await using var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        await using var app = await SampleApp.StartAsync();
        using var data = new TempDirectory();
        if (toSalesforce)
        {
            for (var i = 0; i < records; i++)
            {
                app.Put("contact", null, ("firstName", $"First{i}"), ("lastName", $"Last{i:000000}"), ("email", $"app{i}@example.com"), ("title", "Engineer"));
            }
        }
        else
        {
            salesforce.Org.Apply(new SeedDocument { Records = new Dictionary<string, IReadOnlyList<JsonElement>> { ["Contact"] = Contacts(records) } });
        }

        var database = postgres ? await LoopbackServers.CreateDatabaseAsync() : null;
        await using var host = await RunningHost.StartAsync(data.Path, Path.Combine(AppContext.BaseDirectory, "sample-plugins"), database is null ? [] :
            ["Platform:Storage:Provider=Postgres", $"Platform:Storage:Postgres:ConnectionString={database}"]);
        var integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        await ConnectAsync(host, salesforce, app, integrations);
        var heapBefore = Memory.CollectedHeap();
        var callsBefore = salesforce.Org.Calls.Calls.Count(c => c.Counted);
        var commitsBefore = database is null ? 0 : await PostgresCommitsAsync(database);

        var clock = Stopwatch.StartNew();
        var cycle = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();

        var calls = salesforce.Org.Calls.Calls.Count(c => c.Counted) - callsBefore;
        if (database is not null)
        {
            report.Add(scenario, "PostgreSQL commits", (await PostgresCommitsAsync(database) - commitsBefore) / (double)records, "per record (pg_stat_database)");
        }

        var written = toSalesforce ? cycle.WritesToSalesforce : cycle.WritesToApp;
        var minimum = toSalesforce ? 1 + MinimumWriteCalls(records) : (records + ReadPage - 1) / ReadPage;
        report.Add(scenario, "initial sync", records / clock.Elapsed.TotalSeconds, $"records/s ({written:N0} written in {clock.Elapsed.TotalSeconds:N1} s, {cycle.Failures} failures)");
        report.Add(scenario, "Salesforce API calls", $"{calls:N0} vs minimum {minimum:N0} ({calls / (double)minimum:N3}x; {calls / (double)records:N4} per record)");
        var heapActive = Memory.CollectedHeap();
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var heapIdle = Memory.CollectedHeap();
        report.Add(scenario, "heap per active paired record", (heapActive - heapIdle) / (double)records, "bytes (freed when its pair grain is collected)");
        report.Add(scenario, "heap kept per paired record", Math.Max(0, heapIdle - heapBefore) / (double)records, "bytes (incl. the record written into the emulated side)");
        if (database is null)
        {
            report.Add(scenario, "SQLite file", Memory.MiB(new FileInfo(Path.Combine(data.Path, "platform.db")).Length), "MiB");
        }

        report.Add(scenario, "process working set", Memory.MiB(Environment.WorkingSet), "MiB");
    }

    /// <summary>Transactions committed in the database so far; the server publishes its statistics within a second.</summary>
    private static async Task<long> PostgresCommitsAsync(string database)
    {
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Collections calls of 200 up to the Bulk threshold; above it, Bulk jobs of the engine's job size.</summary>
    private static int MinimumWriteCalls(int records) => records > Engine.BulkWriteThreshold
        ? CallsPerBulkJob * ((records + Engine.BulkJobSize - 1) / Engine.BulkJobSize)
        : (records + WriteCall - 1) / WriteCall;

    private static async Task ConnectAsync(RunningHost host, SalesforceEmulator salesforce, SampleApp app, IntegrationService.IntegrationServiceClient integrations)
    {
        await new InstanceService.InstanceServiceClient(host.Channel).CreateInstanceAsync(SampleIntegration.Instance("bench-org", salesforce));
        var request = new SaveIntegrationRequest
        {
            Id = "bench",
            InstanceId = "bench-org",
            ConnectorId = "sample",
            Settings = { ["baseUrl"] = app.BaseUrl.ToString() },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(24)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) },
            Mappings = { SampleIntegration.Contacts() },
        };
        await integrations.CreateIntegrationAsync(request);
    }

    private static JsonElement[] Contacts(int records) =>
        [.. Enumerable.Range(0, records).Select(i => JsonSerializer.SerializeToElement(new
        {
            FirstName = $"First{i}",
            LastName = $"Last{i:000000}",
            Email = $"sf{i}@example.com",
            Title = "Engineer",
        }))];
}
