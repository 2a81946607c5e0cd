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

        var connectors = await RunAsync(sync.AdminKey, "connectors", "list", "--address", address);
        var integrations = await RunAsync(sync.AdminKey, "integrations", "list", "--json", "--address", address);
        var synced = await RunAsync(sync.AdminKey, "integrations", "sync", "contacts", "--address", address);
        var paused = await RunAsync(sync.AdminKey, "integrations", "pause", "contacts", "--address", address, "--json");

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

        var missing = await RunAsync(sync.AdminKey, "integrations", "sync", "nope", "--address", $"http://{sync.GrpcTarget}");
        var unreachable = await RunAsync(sync.AdminKey, "connectors", "list", "--address", $"http://127.0.0.1:{LoopbackPort.Next()}");
        var usage = await RunAsync(sync.AdminKey, "integrations", "sync");

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
        var watch = RunAsync(sync.AdminKey, "watch", "contacts", "--count", "2", "--json", "--address", address);
        while (await Task.WhenAny(watch, Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken)) != watch)
        {
            await sync.SyncAsync();
        }

        var logs = await RunAsync(sync.AdminKey, "logs", "contacts", "--state", "failed", "--json", "--address", address);

        var events = (await watch).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        events.Select(e => e.GetProperty("integrationId").GetString()).ShouldBe(["contacts", "contacts"]);
        events.Select(e => e.GetProperty("kind").GetString()).ShouldBeSubsetOf(["cycle_started", "cycle_completed", "failure", "progress"]);
        // One entry per attempt: a second sync (while the watcher was subscribing) retried the rejected write.
        var failed = JsonDocument.Parse(logs.Output).RootElement.EnumerateArray().Select(e => (Pair: e.GetProperty("pairId").GetString(), Error: e.GetProperty("error").GetString())).ToList();
        failed.ShouldNotBeEmpty();
        failed.Select(f => f.Pair).Distinct().ShouldHaveSingleItem();
        failed.ShouldAllBe(f => f.Error != null && f.Error.Contains("refused by the app's validation"));
    }

    [Fact]
    public async Task Cli_Keys_AdminCreatesAnOperatorKeyThatWorksUntilRevokedButCannotManageKeys()
    {
        await using var sync = await SyncFixture.StartAsync();
        var address = $"http://{sync.GrpcTarget}";

        var created = await RunAsync(sync.AdminKey, "keys", "create", "--name", "night shift", "--role", "operator", "--json", "--address", address);
        var key = JsonDocument.Parse(created.Output).RootElement;
        var (id, secret) = (key.GetProperty("key").GetProperty("id").GetString()!, key.GetProperty("secret").GetString()!);
        var whoami = await RunAsync(secret, "keys", "whoami", "--address", address);
        var listedByOperator = await RunAsync(secret, "keys", "list", "--address", address);
        var listed = await RunAsync(sync.AdminKey, "keys", "list", "--address", address);
        var listedJson = await RunAsync(sync.AdminKey, "keys", "list", "--json", "--address", address);
        var revoked = await RunAsync(sync.AdminKey, "keys", "revoke", id, "--address", address);
        var afterRevoke = await RunAsync(secret, "connectors", "list", "--address", address);
        var keyless = await RunAsync(null, "connectors", "list", "--address", address);

        created.ExitCode.ShouldBe(ExitCodes.Success, created.Error);
        secret.ShouldStartWith($"plk_{id}_");
        whoami.Output.ShouldContain($"Key {id} ('night shift'), role operator.");
        (listedByOperator.ExitCode, listedByOperator.Error).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(ExitCodes.Denied), r => r.Error.ShouldStartWith("PermissionDenied: The API key 'night shift' (operator) may not call"));
        listed.Output.ShouldSatisfyAllConditions(o => o.ShouldContain(id), o => o.ShouldContain("night shift"), o => o.ShouldContain("operator"));
        JsonDocument.Parse(listedJson.Output).RootElement.EnumerateArray().Select(k => k.GetProperty("id").GetString()).ShouldBe([id]);
        listedJson.Output.ShouldNotContain(secret[(id.Length + 5)..]);
        revoked.Output.ShouldContain($"Key {id} ('night shift') is revoked.");
        (afterRevoke.ExitCode, afterRevoke.Error).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(ExitCodes.Denied), r => r.Error.ShouldStartWith($"Unauthenticated: The API key 'night shift' ({id}) was revoked."));
        (keyless.ExitCode, keyless.Error).ShouldSatisfyAllConditions(
            r => r.ExitCode.ShouldBe(ExitCodes.Denied), r => r.Error.ShouldStartWith("Unauthenticated: This call needs an API key"));
    }

    [Fact]
    public async Task Cli_ConfigFile_SuppliesAddressAndKeyAndFlagsOverrideIt()
    {
        await using var sync = await SyncFixture.StartAsync();
        using var home = new TempDirectory();
        var config = Path.Combine(home.Path, "platform", "config.json");
        Directory.CreateDirectory(Path.GetDirectoryName(config)!);
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new { address = $"http://{sync.GrpcTarget}", apiKey = sync.AdminKey }), TestContext.Current.CancellationToken);

        var fromDefaultFile = await CliProcess.RunAsync(null, ["connectors", "list", "--json"], configHome: home.Path);
        var fromNamedFile = await RunAsync(null, ["connectors", "list", "--json", "--config", config]);
        var keyFlagWins = await CliProcess.RunAsync(null, ["connectors", "list", "--api-key", "plk_000000000000_wrong"], configHome: home.Path);
        var missingFile = await RunAsync(null, ["connectors", "list", "--config", Path.Combine(home.Path, "nope.json")]);

        fromDefaultFile.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Success, r.Error), r => r.Output.ShouldContain("\"sample\""));
        fromNamedFile.ExitCode.ShouldBe(ExitCodes.Success, fromNamedFile.Error);
        (keyFlagWins.ExitCode, keyFlagWins.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Denied), r => r.Error.ShouldStartWith("Unauthenticated: The API key is not valid."));
        (missingFile.ExitCode, missingFile.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Usage), r => r.Error.ShouldContain("nope.json does not exist"));
    }

    private static Task<ProcessResult> RunAsync(string? apiKey, params string[] arguments) => CliProcess.RunAsync(apiKey, arguments);
}
