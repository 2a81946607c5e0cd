using Grpc.Core;
using Platform.Control.V1;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests;

public sealed class SyncEndToEndTests
{
    [Fact]
    public async Task InitialSync_ExistingRecordsOnBothSides_MatchesBeforeCreatingAndNeverDuplicates()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.Put("contact", null, ("firstName", "Ada"), ("lastName", "Lovelace"), ("email", "ada@example.com"), ("title", "Analyst"));
        sync.App.Put("contact", null, ("firstName", "Alan"), ("lastName", "Turing"), ("email", "alan@example.com"));
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Lovelace", ["FirstName"] = "Ada", ["Email"] = "ADA@example.com" });
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Hopper", ["FirstName"] = "Grace", ["Email"] = "grace@example.com", ["Title"] = "Admiral" });
        await sync.ConnectAsync(SampleIntegration.Contacts());

        var report = await sync.SyncAsync();

        var salesforce = await sync.SalesforceContactsAsync();
        salesforce.Count.ShouldBe(3, "Ada matched by e-mail; Alan created");
        sync.App.Ids("contact").Count.ShouldBe(3, "Grace created in the app");
        salesforce.Values.Single(r => (string?)r.Values["LastName"] == "Lovelace").Values["Title"].ShouldBe("Analyst", "the empty Salesforce title was filled from the app");
        sync.App.Values("contact", sync.App.Ids("contact")[0])!["email"].ShouldBe("ADA@example.com", "values differing when first linked follow the master (Salesforce)");
        report.WritesToSalesforce.ShouldBe(2, "Ada's title, Alan created");
        report.WritesToApp.ShouldBe(2, "Ada's e-mail, Grace created");
        (await sync.SyncAsync()).ShouldSatisfyAllConditions(
            r => r.WritesToSalesforce.ShouldBe(0, "nothing the platform wrote may be written back"),
            r => r.WritesToApp.ShouldBe(0));
    }

    [Fact]
    public async Task RandomConcurrentEdits_OnBothSides_ConvergeWithZeroEchoWrites()
    {
        await using var sync = await SyncFixture.StartAsync();
        var appIds = Enumerable.Range(0, 6).Select(i => sync.App.Put("contact", null, ("firstName", $"F{i}"), ("lastName", $"L{i}"), ("email", $"p{i}@example.com"))).ToArray();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        await sync.SyncAsync();
        var pairs = (await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts" })).Pairs;
        pairs.Count.ShouldBe(6);
        pairs.ShouldAllBe(p => p.Status == PairStatus.Linked);
        var random = new Random(1234);
        var edits = 0;
        long writes = 0;
        for (var round = 0; round < 6; round++)
        {
            foreach (var pair in pairs)
            {
                var roll = random.Next(4);
                if (roll is 0 or 2)
                {
                    sync.App.Put("contact", pair.AppId, ("title", $"app-{round}-{random.Next(100)}"));
                    edits++;
                }

                if (roll is 1 or 2)
                {
                    await sync.User.UpdateAsync("Contact", pair.SalesforceId, new Dictionary<string, object?> { ["Title"] = $"sf-{round}-{random.Next(100)}", ["FirstName"] = $"G{round}" });
                    edits++;
                }
            }

            var report = await sync.SyncAsync();
            writes += report.WritesToApp + report.WritesToSalesforce;
        }

        var settle = await sync.SyncAsync();
        var quiet = await sync.SyncAsync();

        (settle.WritesToApp + settle.WritesToSalesforce).ShouldBe(0, "every change was synced in the cycle that saw it");
        (quiet.WritesToApp + quiet.WritesToSalesforce).ShouldBe(0, "no echo");
        writes.ShouldBeLessThanOrEqualTo(edits, "each edit causes at most one write");
        var salesforce = await sync.SalesforceContactsAsync();
        foreach (var pair in pairs)
        {
            var app = sync.App.Values("contact", pair.AppId)!;
            var record = salesforce[pair.SalesforceId].Values;
            (app["title"], app["firstName"], app["email"]).ShouldBe(((string?)record["Title"], (string?)record["FirstName"], (string?)record["Email"]), $"pair {pair.PairId}");
        }
    }

    [Fact]
    public async Task RejectedRecord_IsLoggedWithItsCause_AndAnOperatorRetryWithCorrectionsSucceeds()
    {
        await using var sync = await SyncFixture.StartAsync();
        sync.App.RejectEmails.Add("bad@example.com");
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Refused", ["Email"] = "bad@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());

        var report = await sync.SyncAsync();

        report.Failures.ShouldBe(1);
        var failed = (await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts", State = "failed" })).Entries.ShouldHaveSingleItem();
        failed.Error.ShouldContain("refused by the app's validation");
        failed.Payload.ShouldContain("bad@example.com");
        var attention = (await sync.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = "contacts", NeedsAttention = true })).Pairs.ShouldHaveSingleItem();

        var retry = await sync.Pairs.RetryWriteAsync(new RetryWriteRequest
        {
            Pair = new PairRef { IntegrationId = "contacts", Mapping = "contacts", PairId = attention.PairId },
            Sequence = failed.Sequence,
            Corrections = { ["email"] = "fixed@example.com" },
        });

        retry.WritesToApp.ShouldBe(1);
        var pair = await sync.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = "contacts", PairId = attention.PairId });
        pair.Status.ShouldBe(PairStatus.Linked);
        sync.App.Values("contact", pair.AppId)!["email"].ShouldBe("fixed@example.com");
    }

    [Fact]
    public async Task ActivityWindow_IntervalCyclesSyncOnlyTouchedRecords_AndATouchSyncsAtOnce()
    {
        await using var sync = await SyncFixture.StartAsync();
        var viewed = sync.App.Put("contact", null, ("lastName", "Viewed"), ("email", "viewed@example.com"));
        var idle = sync.App.Put("contact", null, ("lastName", "Idle"), ("email", "idle@example.com"));
        await sync.ConnectAsync(budgetShare: 1, activityWindow: TimeSpan.FromHours(1), SampleIntegration.Contacts());
        (await sync.SyncAsync()).WritesToSalesforce.ShouldBe(0, "nobody has opened either record yet");

        var touch = await sync.Pairs.TouchPairAsync(new TouchPairRequest { IntegrationId = "contacts", Mapping = "contacts", AppId = viewed });

        touch.WritesToSalesforce.ShouldBe(1, "a touched record syncs at once");
        sync.App.Put("contact", viewed, ("title", "Opened today"));
        sync.App.Put("contact", idle, ("title", "Untouched"));
        (await sync.SyncAsync()).WritesToSalesforce.ShouldBe(1, "the touched record's edit syncs on the interval; the idle one waits");
        var salesforce = (await sync.SalesforceContactsAsync()).Values.ToList();
        salesforce.ShouldHaveSingleItem().Values["Title"].ShouldBe("Opened today");
    }

    [Fact]
    public async Task CreateIntegration_UnknownSalesforceField_IsInvalidArgumentNamingMappingAndField()
    {
        await using var sync = await SyncFixture.StartAsync();
        var mapping = SampleIntegration.Contacts();
        mapping.Fields.Add(new FieldMappingConfig { AppField = "status", SalesforceField = "Nope__c" });

        var ex = await Should.ThrowAsync<RpcException>(() => sync.ConnectAsync(mapping));

        ex.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        ex.Status.Detail.ShouldContain("mappings[0].fields[4].salesforce_field");
        ex.Status.Detail.ShouldContain("Nope__c");
        ex.Status.Detail.ShouldContain("'contacts'");
    }

    [Fact]
    public async Task GetIntegration_NeverReturnsSecrets()
    {
        await using var sync = await SyncFixture.StartAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());

        var integration = await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" });
        var instance = await sync.Instances.GetInstanceAsync(new GetInstanceRequest { Id = "emulated-org" });

        integration.Settings["apiKey"].ShouldBe("********");
        instance.ToString().ShouldNotContain("emulator-secret");
        instance.Auth.ShouldBe("password");
    }
}
