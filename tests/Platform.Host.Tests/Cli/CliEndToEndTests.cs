using System.Text.Json;
using Platform.Cli;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Cli;

/// <summary>The <c>platform</c> command-line tool run as a process against a running host.</summary>
public sealed class CliEndToEndTests
{
    [Fact]
    public async Task Cli_ListSyncAndPause_TablesJsonReportsAndExitCodes()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.Put("contact", null, ("lastName", "Lovelace"), ("email", "ada@example.com"));
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var address = $"http://{sync.GrpcTarget}";

        var connectors = await RunAsync("connectors", "list", "--address", address);
        var integrations = await RunAsync("integrations", "list", "--json", "--address", address);
        var synced = await RunAsync("integrations", "sync", "contacts", "--address", address);
        var paused = await RunAsync("integrations", "pause", "contacts", "--address", address, "--json");

        connectors.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Success), r => r.Output.ShouldContain("sample"), r => r.Output.ShouldContain("Loaded"));
        JsonDocument.Parse(integrations.Output).RootElement.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe(["contacts"]);
        synced.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Success), r => r.Output.ShouldContain("Synced contacts: 1 read, 1 written to Salesforce"));
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(1);
        JsonDocument.Parse(paused.Output).RootElement.GetProperty("status").GetProperty("paused").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Cli_UnknownIntegrationOrUnreachablePlatform_SaysWhyWithItsExitCode()
    {
        await using var sync = await SyncFixture.StartAsync();

        var missing = await RunAsync("integrations", "sync", "nope", "--address", $"http://{sync.GrpcTarget}");
        var unreachable = await RunAsync("connectors", "list", "--address", $"http://127.0.0.1:{LoopbackPort.Next()}");
        var usage = await RunAsync("integrations", "sync");

        (missing.ExitCode, missing.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.NotFound), r => r.Error.ShouldStartWith("NotFound: "));
        (unreachable.ExitCode, unreachable.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Unavailable), r => r.Error.ShouldStartWith("Unavailable: "));
        usage.ExitCode.ShouldBe(ExitCodes.Usage);
    }

    [Fact]
    public async Task Cli_WatchAndLogs_StreamTheSyncsEventsAndShowTheRejectedRecord()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.RejectEmails.Add("bad@example.com");
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Refused", ["Email"] = "bad@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var address = $"http://{sync.GrpcTarget}";

        // The watcher subscribes a moment after it starts: sync until it has seen its two events and exits.
        var watch = RunAsync("watch", "contacts", "--count", "2", "--json", "--address", address);
        while (await Task.WhenAny(watch, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken)) != watch)
        {
            await sync.SyncAsync();
        }

        var logs = await RunAsync("logs", "contacts", "--state", "failed", "--json", "--address", address);

        var events = (await watch).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        events.Select(e => e.GetProperty("integrationId").GetString()).ShouldBe(["contacts", "contacts"]);
        events.Select(e => e.GetProperty("kind").GetString()).ShouldBeSubsetOf(["cycle_started", "cycle_completed", "failure", "progress"]);
        // One entry per attempt: a second sync (while the watcher was subscribing) retried the rejected write.
        var failed = JsonDocument.Parse(logs.Output).RootElement.EnumerateArray().Select(e => (Pair: e.GetProperty("pairId").GetString(), Error: e.GetProperty("error").GetString())).ToList();
        failed.ShouldNotBeEmpty();
        failed.Select(f => f.Pair).Distinct().ShouldHaveSingleItem();
        failed.ShouldAllBe(f => f.Error != null && f.Error.Contains("refused by the app's validation"));
    }

    private static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ExternalProcess.RunAsync("dotnet", [RepoPaths.BuildOutput("sdk/Platform.Cli", "platform"), .. arguments], RepoPaths.Root, TimeSpan.FromMinutes(1),
            new Dictionary<string, string> { ["NO_COLOR"] = "1", ["COLUMNS"] = "200" });
}
