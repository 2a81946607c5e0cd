using System.Diagnostics;
using System.Globalization;
using Platform.Control.V1;
using Platform.Emulators.Responsive;
using Platform.Emulators.Salesforce;
using Platform.Host.Sandbox;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The shipped Responsive connector over real transports: the host, the Salesforce emulator with the managed package,
/// and the Responsive emulator. N projects, five per Opportunity, are published for reporting; then every Opportunity's
/// Amount changes and one cycle carries it into all N projects through the parent re-read; then record lookups as the
/// admin account; then one 40 MB response package is uploaded. Each phase is timed and its Salesforce API calls counted.
/// </summary>
internal static class ResponsiveBenchmark
{
    private const int ProjectsPerOpportunity = 5;
    private const int Lookups = 500;
    private const int PackageBytes = 40 * 1024 * 1024;

    public static async Task RunAsync(int projects, Report report)
    {
        var scenario = $"responsive N={projects:N0} projects";
        await using var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        salesforce.Org.Apply(ManagedPackages.Responsive);
        await using var responsive = await ResponsiveEmulator.StartAsync();
        using var http = new HttpClient();
        using var user = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = new PasswordCredentials(salesforce.Options.ClientId, salesforce.Options.ClientSecret, salesforce.Options.Username, salesforce.Options.Password),
        });
        var opportunities = await CreateOpportunitiesAsync(user, projects / ProjectsPerOpportunity);
        var due = DateTimeOffset.UtcNow.AddDays(30);
        var projectIds = Enumerable.Range(0, projects)
            .Select(i => responsive.Store.CreateProject($"RFP {i:000000}", due, "owner@acme.example", opportunities[i % opportunities.Count]).Id)
            .ToArray();
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);
        var integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        await ConnectAsync(host, salesforce, responsive, integrations);
        int Calls() => salesforce.Org.Calls.Calls.Count(c => c.Counted);

        var calls = Calls();
        var clock = Stopwatch.StartNew();
        var published = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();
        calls = Calls() - calls;
        report.Add(scenario, "publish for reporting", published.WritesToSalesforce / clock.Elapsed.TotalSeconds, $"records/s ({published.WritesToSalesforce:N0} reporting records in {clock.Elapsed.TotalSeconds:N1} s, {calls / (double)Math.Max(1, published.WritesToSalesforce):N3} Salesforce calls per record)");
        await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });

        await ChangeAmountsAsync(user, opportunities);
        calls = Calls();
        clock.Restart();
        var reread = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();
        calls = Calls() - calls;
        var current = projectIds.Count(id => responsive.Store.Get(WorkKind.Project, id)?.DealSize >= 1_000_000m);
        report.Add(scenario, "Opportunity change → projects", current / clock.Elapsed.TotalSeconds, $"projects/s ({current:N0} of {projects:N0} updated from {opportunities.Count:N0} changed Opportunities in one cycle of {clock.Elapsed.TotalSeconds:N1} s, {reread.RecordsRead:N0} records read, {calls / (double)Math.Max(1, current):N3} Salesforce calls per project)");

        var lookups = new LookupService.LookupServiceClient(host.Channel);
        calls = Calls();
        clock.Restart();
        for (var i = 0; i < Lookups; i++)
        {
            await lookups.SearchRecordsAsync(new SearchRecordsRequest { IntegrationId = "bench", Text = $"Deal {i % 100:00}" });
        }

        clock.Stop();
        calls = Calls() - calls;
        report.Add(scenario, "record lookups (admin account)", Lookups / clock.Elapsed.TotalSeconds, $"lookups/s ({calls / (double)Lookups:N3} Salesforce calls per lookup over {opportunities.Count:N0} Opportunities)");

        var package = new byte[PackageBytes];
        Random.Shared.NextBytes(package);
        responsive.Store.ExportPackage(projectIds[0], "Response package.zip", package, "owner@acme.example");
        clock.Restart();
        var upload = await integrations.PublishFilesAsync(new PublishFilesRequest { IntegrationId = "bench", Entity = "project", AppId = projectIds[0].ToString(CultureInfo.InvariantCulture) });
        clock.Stop();
        report.Add(scenario, "package upload (40 MB, multipart)", PackageBytes / 1_048_576.0 / clock.Elapsed.TotalSeconds, $"MB/s ({upload.Files.Single().State} in {clock.Elapsed.TotalSeconds:N2} s)");
    }

    private static async Task<IReadOnlyList<string>> CreateOpportunitiesAsync(SalesforceClient user, int count)
    {
        var ids = new List<string>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(200))
        {
            var results = await user.CreateManyAsync("Opportunity", [.. chunk.Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["Name"] = $"Deal {i % 100:00} #{i:000000}",
                ["StageName"] = "Prospecting",
                ["CloseDate"] = new DateOnly(2026, 12, 31),
                ["Amount"] = 1_000m + i,
            })]);
            ids.AddRange(results.Select(r => r.Id!));
        }

        return ids;
    }

    private static async Task ChangeAmountsAsync(SalesforceClient user, IReadOnlyList<string> opportunities)
    {
        foreach (var chunk in opportunities.Chunk(200))
        {
            await user.UpdateManyAsync("Opportunity", [.. chunk.Select((id, i) => new RecordWrite(id, new Dictionary<string, object?> { ["Amount"] = 1_000_000m + i }))]);
        }
    }

    private static async Task ConnectAsync(RunningHost host, SalesforceEmulator salesforce, ResponsiveEmulator responsive, IntegrationService.IntegrationServiceClient integrations)
    {
        await new InstanceService.InstanceServiceClient(host.Channel).CreateInstanceAsync(SampleIntegration.Instance("bench-org", salesforce));
        await integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "bench",
            InstanceId = "bench-org",
            ConnectorId = "responsive",
            Settings = { ["apiBaseUrl"] = responsive.BaseUrl.ToString(), ["apiToken"] = responsive.Token, ["useAdminAccount"] = "true" },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(24)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) },
        });
    }
}
