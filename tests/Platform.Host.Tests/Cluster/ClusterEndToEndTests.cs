using System.Text.Json;
using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.SampleApp;
using Platform.Host.Sandbox;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Cluster;

/// <summary>Three silo processes on PostgreSQL and Redis (loopback servers, no Docker), syncing while silos come and go.</summary>
public sealed class ClusterEndToEndTests
{
    private const int RecordsEachSide = 10_000;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    // A lost silo is noticed within seconds, and the keep-alive reminder wakes its integrations on another soon after.
    private static readonly string[] FastFailover =
    [
        "Platform:Silo:Membership:ProbeTimeout=00:00:01",
        "Platform:Silo:Membership:NumMissedProbesLimit=2",
        "Platform:Silo:Membership:IAmAliveTablePublishTimeout=00:00:02",
        "Platform:Silo:Reminders:MinimumReminderPeriod=00:00:02",
        "Platform:Sync:KeepAlivePeriod=00:00:03",
    ];

    [Fact]
    public async Task AnotherSiloJoins_SiloRunningTheSyncKilled_SyncFinishesWithBothSidesEqualNothingLostNothingDuplicated()
    {
        if (await LoopbackServers.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = 10_000_000 });
        await using var app = await SampleApp.StartAsync();
        await using var cluster = await LoopbackCluster.CreateAsync(FastFailover);
        await Task.WhenAll(cluster.AddSiloAsync(), cluster.AddSiloAsync(), cluster.AddSiloAsync());
        for (var i = 0; i < RecordsEachSide; i++)
        {
            app.Put("contact", null, ("firstName", "App"), ("lastName", $"Person {i}"), ("email", $"app{i}@example.com"));
        }

        salesforce.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>>
            {
                ["Contact"] = [.. Enumerable.Range(0, RecordsEachSide).Select(i => JsonSerializer.SerializeToElement(new { FirstName = "Org", LastName = $"Person {i}", Email = $"sf{i}@example.com" }))],
            },
        });

        // Created through one silo, scheduled every second from now: the integration runs wherever Orleans placed it.
        var first = cluster.Silos[0];
        await first.Instances.CreateInstanceAsync(SampleIntegration.Instance("emulated-org", salesforce), cancellationToken: cancellationToken);
        await first.Integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "contacts",
            InstanceId = "emulated-org",
            ConnectorId = "sample",
            Settings = { ["baseUrl"] = app.BaseUrl.ToString(), ["apiKey"] = "s3cret-key" },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromSeconds(1)) },
            Mappings = { SampleIntegration.Contacts() },
        }, cancellationToken: cancellationToken);

        await Eventually.ThatAsync(() => Task.FromResult(app.PlatformWrites > 0 || salesforce.Org.Calls.Calls.Any(IsWrite)), Patience, () => DescribeAsync(cluster, "the sync never started writing"), cancellationToken);
        var running = (await cluster.Silos[1].Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" }, cancellationToken: cancellationToken)).Status.Silo;
        var victim = cluster.Silos.Single(s => s.Is(running));
        var joined = await cluster.AddSiloAsync();
        await cluster.KillAsync(victim);

        var user = new SalesforceClient(new HttpClient(), new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = new PasswordCredentials(salesforce.Options.ClientId, salesforce.Options.ClientSecret, salesforce.Options.Username, salesforce.Options.Password),
        });
        await Eventually.ThatAsync(async () => app.Ids("contact").Count >= 2 * RecordsEachSide && (await EmailsAsync(user)).Count >= 2 * RecordsEachSide, Patience, () => DescribeAsync(cluster, "the sync never finished after the silo was lost"), cancellationToken);
        var settle = await SyncNowAsync(joined, cancellationToken);

        var salesforceEmails = await EmailsAsync(user);
        var appEmails = app.Ids("contact").Select(id => app.Values("contact", id)!["email"]).ToList();
        salesforceEmails.Count.ShouldBe(2 * RecordsEachSide, "nothing duplicated in Salesforce");
        appEmails.Count.ShouldBe(2 * RecordsEachSide, "nothing duplicated in the app");
        salesforceEmails.ShouldBe(appEmails, ignoreOrder: true, "nothing lost: every record exists on both sides");
        (settle.WritesToApp + settle.WritesToSalesforce).ShouldBe(0, "both sides are equal");
        var status = (await joined.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" }, cancellationToken: cancellationToken)).Status;
        victim.Is(status.Silo).ShouldBeFalse("the integration moved off the lost silo");
        (await joined.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts", NeedsAttention = true }, cancellationToken: cancellationToken)).Pairs.ShouldBeEmpty("no write is left for an operator");
    }

    private static bool IsWrite(CallRecord call) => call.Method != "GET" && !call.Path.Contains("/oauth2/", StringComparison.Ordinal);

    private static async Task<List<string?>> EmailsAsync(SalesforceClient user)
    {
        var emails = new List<string?>();
        await foreach (var record in user.ReadAsync(new Soql("SELECT Id, Email FROM Contact")))
        {
            emails.Add((string?)record.Values["Email"]);
        }

        return emails;
    }

    /// <summary>A sync now through a silo; a call that meets the lost silo before the cluster has noticed is tried again.</summary>
    private static async Task<Platform.Control.V1.CycleReport> SyncNowAsync(LoopbackCluster.Silo silo, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await silo.Integrations.SyncNowAsync(new IntegrationRef { Id = "contacts" }, cancellationToken: cancellationToken);
            }
            catch (RpcException) when (attempt < 5)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>What went wrong: the integration's status as a silo reports it, and the silos' logs.</summary>
    private static async Task<string> DescribeAsync(LoopbackCluster cluster, string failure)
    {
        var status = await cluster.Silos[^1].Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" });
        return $"{failure}. Status: {status.Status}\n{string.Join("\n---\n", cluster.Silos.Select(s => s.Process.Output))}";
    }
}
