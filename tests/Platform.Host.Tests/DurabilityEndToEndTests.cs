using System.Text.Json;
using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests;

public sealed class DurabilityEndToEndTests
{
    private const int RecordsEachSide = 1200;

    [Theory]
    [InlineData(1)]
    [InlineData(RecordsEachSide)]
    public async Task HostKilledMidSync_RestartedOnItsData_FinishesWithNothingLostAndNothingDuplicated(int recordsWrittenBeforeKill)
    {
        await using var sync = await SyncFixture.StartAsync(hostProcess: true);
        for (var i = 0; i < RecordsEachSide; i++)
        {
            sync.App.Put("contact", null, ("firstName", "App"), ("lastName", $"Person {i}"), ("email", $"app{i}@example.com"));
        }

        SeedSalesforceContacts(sync, RecordsEachSide);
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var cycle = sync.SyncAsync();

        await WaitUntilAsync(() => RecordsWritten(sync) >= recordsWrittenBeforeKill, cycle);
        await sync.KillHostAsync();
        await Should.ThrowAsync<RpcException>(cycle);
        await sync.StartHostProcessAsync();
        await sync.SyncAsync();
        var settle = await sync.SyncAsync();

        var salesforce = (await sync.SalesforceContactsAsync()).Values.Select(r => (string?)r.Values["Email"]).ToList();
        var app = sync.App.Ids("contact").Select(id => sync.App.Values("contact", id)!["email"]).ToList();
        salesforce.Count.ShouldBe(2 * RecordsEachSide, "nothing duplicated in Salesforce");
        app.Count.ShouldBe(2 * RecordsEachSide, "nothing duplicated in the app");
        salesforce.ShouldBe(app, ignoreOrder: true, "nothing lost: every record exists on both sides");
        (settle.WritesToApp + settle.WritesToSalesforce).ShouldBe(0);
        (await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts", NeedsAttention = true })).Pairs.ShouldBeEmpty("no write is left for an operator");
    }

    [Fact]
    public async Task BudgetSpent_PausesWithTheReason_AndResumesByItselfWhenUsageFalls()
    {
        await using var sync = await SyncFixture.StartAsync(hostProcess: false, "Platform:Sync:BudgetRecheckInterval=00:00:00.001");
        for (var i = 0; i < 800; i++)
        {
            sync.App.Put("contact", null, ("lastName", $"Person {i}"), ("email", $"p{i}@example.com"));
        }

        await sync.ConnectAsync(budgetShare: 0.5, activityWindow: null, SampleIntegration.Contacts());
        using var watch = sync.Integrations.WatchEvents(new WatchEventsRequest { IntegrationId = "contacts" }, cancellationToken: TestContext.Current.CancellationToken);
        // Half of the allocation is this instance's. It leaves room for three more calls: one read and two of the four creates.
        // Once usage falls, the same room fits the rest: one probe, the two creates left, and one read.
        sync.Salesforce.Org.Usage.DailyLimit = 2 * (sync.Salesforce.Org.Usage.Used + 3);

        var paused = await sync.SyncAsync();

        sync.Salesforce.Org.Usage.Used.ShouldBeLessThanOrEqualTo(sync.Salesforce.Org.Usage.DailyLimit / 2, "the instance never went past its share");
        paused.Skipped.ShouldContain("budget");
        var status = (await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" })).Status;
        status.Paused.ShouldBeTrue();
        status.PausedReason.ShouldContain("Salesforce API budget spent");
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(400, "two calls of 200 fitted");

        sync.Salesforce.Org.Clock.Advance(TimeSpan.FromHours(25));
        var resumed = await sync.SyncAsync();

        resumed.Skipped.ShouldBeEmpty();
        (await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" })).Status.Paused.ShouldBeFalse();
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(800, "the rest were sent after the pause, none twice");
        var kinds = new List<string>();
        while (!kinds.Contains("resumed") && await watch.ResponseStream.MoveNext(TestContext.Current.CancellationToken))
        {
            kinds.Add(watch.ResponseStream.Current.Kind);
        }

        kinds.ShouldContain("paused");
        kinds.IndexOf("paused").ShouldBeLessThan(kinds.IndexOf("resumed"));
    }

    private static void SeedSalesforceContacts(SyncFixture sync, int count) =>
        sync.Salesforce.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>>
            {
                ["Contact"] = [.. Enumerable.Range(0, count).Select(i => JsonSerializer.SerializeToElement(new { FirstName = "Org", LastName = $"Person {i}", Email = $"sf{i}@example.com" }))],
            },
        });

    /// <summary>Records written by the platform so far: Salesforce creates (200 per Collections call) and app writes.</summary>
    private static int RecordsWritten(SyncFixture sync) =>
        (200 * sync.Salesforce.Org.Calls.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal))) + sync.App.PlatformWrites;

    /// <summary>Polls the emulated systems (another process is writing to them; there is no signal to wait on).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, Task cycle)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            cycle.IsCompleted.ShouldBeFalse("the cycle ended before the kill point");
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the platform never reached the kill point");
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
    }
}
