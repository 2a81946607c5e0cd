using System.Text.Json;
using Google.Protobuf;
using Platform.Cli;
using Platform.Control.V1;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Cli;

/// <summary>The <c>platform</c> tool's day-to-day operations, each run as a process against a running host.</summary>
public sealed class CliOperationsTests
{
    [Fact]
    public async Task Cli_InstanceAndIntegrationFromFiles_CreatedShownToggledAndDeleted()
    {
        await using var sync = await SyncFixture.StartAsync();
        using var files = new TempDirectory();
        var instanceFile = Path.Combine(files.Path, "instance.json");
        var integrationFile = Path.Combine(files.Path, "integration.json");
        await File.WriteAllTextAsync(instanceFile, JsonFormatter.Default.Format(SampleIntegration.Instance("org", sync.Salesforce, name: "The org")), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(integrationFile, JsonFormatter.Default.Format(new SaveIntegrationRequest
        {
            Id = "people",
            InstanceId = "org",
            ConnectorId = "sample",
            Settings = { ["baseUrl"] = sync.App.BaseUrl.ToString(), ["apiKey"] = "file-key" },
            Mappings = { SampleIntegration.Contacts() },
        }), TestContext.Current.CancellationToken);
        var cli = new Cli(sync);

        var instance = await cli.RunAsync("instances", "create", "--file", instanceFile);
        var tested = await cli.RunAsync("instances", "test", "org");
        var integration = await cli.RunAsync("integrations", "create", "--file", integrationFile);
        var shown = await cli.RunAsync("integrations", "get", "people", "--json");
        var appTested = await cli.RunAsync("integrations", "test", "people");
        var disabled = await cli.RunAsync("integrations", "disable", "people");
        var deleteInUse = await cli.RunAsync("instances", "delete", "org");
        var deleted = await cli.RunAsync("integrations", "delete", "people");
        var instanceDeleted = await cli.RunAsync("instances", "delete", "org");
        var badFile = await cli.RunAsync("instances", "create", "--file", integrationFile);

        instance.ShouldSucceedWith("Instance org created.");
        tested.ShouldSucceedWith("Connection succeeded: org ");
        integration.ShouldSucceedWith("Integration people created.");
        var json = JsonDocument.Parse(shown.Output).RootElement;
        (json.GetProperty("connectorId").GetString(), json.GetProperty("settings").GetProperty("apiKey").GetString()).ShouldBe(("sample", "********"));
        appTested.ShouldSucceedWith("The app accepts the connection.");
        disabled.ShouldSucceedWith("Integration people disabled.");
        deleteInUse.ExitCode.ShouldBe(ExitCodes.Invalid, deleteInUse.Error);
        deleted.ShouldSucceedWith("Integration people deleted.");
        instanceDeleted.ShouldSucceedWith("Instance org deleted.");
        (badFile.ExitCode, badFile.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Usage), r => r.Error.ShouldContain("is not a SaveInstanceRequest in JSON"));
    }

    [Fact]
    public async Task Cli_RejectedWrite_FoundInTheLogCorrectedAndRetriedThenThePairInspectedExcludedAndIncluded()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.RejectEmails.Add("bad@example.com");
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Refused", ["Email"] = "bad@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());
        await sync.SyncAsync();
        var cli = new Cli(sync);

        var failed = JsonDocument.Parse((await cli.RunAsync("logs", "contacts", "--state", "failed", "--json")).Output).RootElement.EnumerateArray().First();
        var (pair, sequence) = (failed.GetProperty("pairId").GetString()!, failed.GetProperty("sequence").GetString()!);
        var review = await cli.RunAsync("review", "contacts", "--json");
        var retried = await cli.RunAsync("pairs", "retry", "contacts", pair, sequence, "--set", "email=fixed@example.com");
        var shown = await cli.RunAsync("pairs", "get", "contacts", pair);
        var excluded = await cli.RunAsync("pairs", "exclude", "contacts", pair, "--note", "test record");
        var listedExcluded = await cli.RunAsync("pairs", "list", "contacts", "--status", "excluded", "--json");
        var included = await cli.RunAsync("pairs", "exclude", "contacts", pair, "--include");
        var touched = await cli.RunAsync("pairs", "touch", "contacts", pair);

        JsonDocument.Parse(review.Output).RootElement.GetProperty("pairs").EnumerateArray().Select(p => p.GetProperty("pairId").GetString()).ShouldBe([pair]);
        retried.ShouldSucceedWith("Synced contacts: ");
        sync.App.Ids("contact").Select(id => sync.App.Values("contact", id)!["email"]).ShouldBe(["fixed@example.com"]);
        shown.ShouldSucceedWith("fixed@example.com");
        excluded.ShouldSucceedWith($"Pair {pair} excluded.");
        JsonDocument.Parse(listedExcluded.Output).RootElement.EnumerateArray().Select(p => p.GetProperty("pairId").GetString()).ShouldBe([pair]);
        included.ShouldSucceedWith($"Pair {pair} included again.");
        touched.ShouldSucceedWith("Synced contacts: ");
    }

    [Fact]
    public async Task Cli_SyncOfAnImport_ShowsProgressOnStandardErrorThenTheReport()
    {
        await using var sync = await SyncFixture.StartAsync(hostProcess: false, "Platform:Sync:ProgressInterval=00:00:00", "Platform:Sync:AppPageSize=100");
        for (var i = 0; i < 450; i++)
        {
            sync.App.Put("contact", null, ("lastName", $"Person {i}"), ("email", $"p{i}@example.com"));
        }

        await sync.ConnectAsync(SampleIntegration.Contacts());
        var cli = new Cli(sync);

        var synced = await cli.RunAsync("integrations", "sync", "contacts");
        var quiet = await cli.RunAsync("integrations", "sync", "contacts", "--quiet");

        synced.ShouldSucceedWith("Synced contacts: 450 read, 450 written to Salesforce");
        synced.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith("Progress: contacts: ", StringComparison.Ordinal));
        synced.Error.ShouldContain(" read, ");
        quiet.Error.ShouldBeEmpty();
    }

    [Fact]
    public async Task Cli_MatchingWizard_BeginShowStatusListAndCompleteWithTheFirstSync()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.Put("contact", null, ("lastName", "Lovelace"), ("email", "ada@example.com"));
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["Email"] = "ada@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var cli = new Cli(sync);

        var begun = await cli.RunAsync("matching", "begin", "contacts", "--master", "salesforce");
        var refreshed = await cli.RunAsync("integrations", "sync", "contacts", "--quiet");
        var status = await cli.RunAsync("matching", "status", "contacts", "--json");
        var listed = await cli.RunAsync("matching", "list", "contacts", "--json");
        var nothing = await cli.RunAsync("matching", "resolve", "contacts");
        var completed = await cli.RunAsync("matching", "complete", "contacts");

        begun.ShouldSucceedWith("contacts: matching.");
        refreshed.ExitCode.ShouldBe(ExitCodes.Success, refreshed.Error);
        JsonDocument.Parse(status.Output).RootElement.GetProperty("matching").GetBoolean().ShouldBeTrue();
        JsonDocument.Parse(listed.Output).RootElement.GetArrayLength().ShouldBe(0, "contacts are matched by e-mail, so nothing waits for a decision");
        (nothing.ExitCode, nothing.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Usage), r => r.Error.ShouldStartWith("Give at least one decision"));
        completed.ShouldSucceedWith("Matching of contacts completed.");
        (await sync.SalesforceContactsAsync()).Count.ShouldBe(1, "the e-mail match linked the two records instead of duplicating one");
    }

    [Fact]
    public async Task Cli_RecordsAndLookups_RecordsListedAFilterOnANonColumnRefusedAndTheLookupPolicyGivesItsReason()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.Put("contact", null, ("firstName", "Ada"), ("lastName", "Lovelace"), ("email", "ada@example.com"));
        sync.App.Put("contact", null, ("firstName", "Grace"), ("lastName", "Hopper"), ("email", "grace@example.com"));
        await sync.ConnectAsync(SampleIntegration.Contacts());
        await sync.SyncAsync();
        var cli = new Cli(sync);

        var records = await cli.RunAsync("pairs", "records", "contacts", "--json");
        var filtered = await cli.RunAsync("pairs", "records", "contacts", "--filter", "email=grace@example.com");
        var policy = await cli.RunAsync("lookups", "policy", "contacts");
        var users = await cli.RunAsync("lookups", "users", "contacts", "--json");

        JsonDocument.Parse(records.Output).RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()).ShouldBe(["PAIR_STATUS_LINKED", "PAIR_STATUS_LINKED"]);

        // The sample connector's mapping has no list columns (only extension fields a connector shows are), so nothing to filter on.
        (filtered.ExitCode, filtered.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Invalid), r => r.Error.ShouldStartWith("InvalidArgument: filters[email]: 'email' is not a list column"));
        policy.ShouldSucceedWith("Lookups refused: ");
        users.ExitCode.ShouldBe(ExitCodes.Success, users.Error);
    }

    /// <summary>The CLI pointed at the fixture's host with its admin key.</summary>
    private sealed class Cli(SyncFixture sync)
    {
        public Task<ProcessResult> RunAsync(params string[] arguments) => CliProcess.RunAsync(sync.AdminKey, arguments, $"http://{sync.GrpcTarget}");
    }
}
