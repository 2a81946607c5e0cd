using Platform.Control.V1;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests;

/// <summary>The app refusing the connector's credentials pauses the integration, as Salesforce refusing its own does.</summary>
public sealed class AppRefusalEndToEndTests
{
    private const string Refused = "The app refused the connector's credentials";

    [Fact]
    public async Task Cycle_AppRefusesWrites_PausesWithoutFailingTheOrgAndSendsTheWritesOnceResumed()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["FirstName"] = "Ada", ["Email"] = "ada@example.com" });
        sync.App.RefuseWrites = true;

        var paused = await sync.SyncAsync();

        paused.Skipped.ShouldContain(Refused);
        paused.Skipped.ShouldContain("403");
        var status = (await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" })).Status;
        (status.Paused, status.PausedReason).ShouldBe((true, paused.Skipped));
        (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "failed" })).Entries.ShouldHaveSingleItem().Error.ShouldContain("403");
        var instance = (await sync.Instances.GetInstanceAsync(new GetInstanceRequest { Id = "emulated-org" })).Status;
        instance.ShouldSatisfyAllConditions(
            "Salesforce answered; only the app refused",
            i => i.Connected.ShouldBeTrue(),
            i => i.PausedReason.ShouldBeEmpty(),
            i => i.LastError.ShouldBeEmpty());

        sync.App.RefuseWrites = false;
        (await sync.SyncAsync()).Skipped.ShouldContain(Refused, customMessage: "the app is probed once per recheck interval, not on every cycle");
        sync.AdvanceClocks(TimeSpan.FromMinutes(6));
        var resumed = await sync.SyncAsync();

        resumed.Skipped.ShouldBeEmpty();
        resumed.WritesToApp.ShouldBe(1, "the refused create was retried on resuming");
        sync.App.Ids("contact").ShouldHaveSingleItem();
        (await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" })).Status.Paused.ShouldBeFalse();
    }

    [Fact]
    public async Task TestIntegration_AfterTheAppAcceptsAgain_EndsThePauseWithoutWaitingForTheProbe()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var contact = await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["Email"] = "ada@example.com" });
        sync.App.RefuseWrites = true;
        (await sync.SyncAsync()).Skipped.ShouldContain(Refused);
        sync.App.RefuseWrites = false;

        var test = await sync.Integrations.TestIntegrationAsync(new IntegrationRef { Id = "contacts" });

        (test.Succeeded, test.Resumed).ShouldBe((true, true));
        (await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" })).Status.Paused.ShouldBeFalse();
        (await sync.SyncAsync()).WritesToApp.ShouldBe(1);
        (await sync.Integrations.TestIntegrationAsync(new IntegrationRef { Id = "contacts" })).Resumed.ShouldBeFalse("it was not paused");
        (await sync.SyncAsync()).WritesToApp.ShouldBe(0, contact + " was sent once");
    }
}
