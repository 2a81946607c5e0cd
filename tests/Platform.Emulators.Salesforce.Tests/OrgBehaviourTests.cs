using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Tests;

public sealed class OrgBehaviourTests
{
    [Fact]
    public async Task GetUpdatedAndDeleted_WithinTheWindow_ReturnIdsAndCoverage()
    {
        await using var org = await TestOrg.StartAsync();
        var clock = org.Emulator.Org.Clock;
        clock.Pin(new DateTimeOffset(2026, 11, 1, 10, 0, 30, TimeSpan.Zero));
        var kept = await org.CreateAsync("Contact", new { LastName = "Kept" });
        var gone = await org.CreateAsync("Contact", new { LastName = "Gone" });
        clock.Advance(TimeSpan.FromMinutes(5));
        await org.DeleteAsync($"sobjects/Contact/{gone}");
        clock.Advance(TimeSpan.FromMinutes(5));

        var updated = (await org.GetAsync("sobjects/Contact/updated/?start=2026-11-01T10:00:00Z&end=2026-11-01T10:30:00Z")).Body;
        var deleted = (await org.GetAsync("sobjects/Contact/deleted/?start=2026-11-01T10:00:00%2B00:00&end=2026-11-01T10:30:00Z")).Body;

        updated.GetProperty("ids").EnumerateArray().Select(i => i.GetString()).ShouldBe([kept]);
        updated.GetProperty("latestDateCovered").GetString().ShouldBe("2026-11-01T10:10:00.000+0000");
        var entry = deleted.GetProperty("deletedRecords").EnumerateArray().ShouldHaveSingleItem();
        (entry.GetProperty("id").GetString(), entry.GetProperty("deletedDate").GetString()).ShouldBe((gone, "2026-11-01T10:05:30.000+0000"));
    }

    [Fact]
    public async Task GetDeleted_AfterTheDeleteLogIsTruncated_ReportsALaterEarliestDateAvailable()
    {
        await using var org = await TestOrg.StartAsync();
        var now = org.Emulator.Org.Clock.UtcNow;
        org.Emulator.Org.Store.TruncateDeleteLog(org.Emulator.Org.Schema.Find("Account")!, now.AddMinutes(-10));

        var start = now.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        var body = (await org.GetAsync($"sobjects/Account/deleted/?start={start}&end={now.AddMinutes(1):yyyy-MM-ddTHH:mm:ssZ}")).Body;

        DateTimeOffset.Parse(body.GetProperty("earliestDateAvailable").GetString()!.Replace("+0000", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(now.AddDays(-1));
    }

    [Theory]
    [InlineData("start=2020-01-01T00:00:00Z&end=2020-01-02T00:00:00Z", "INVALID_REPLICATION_DATE")]
    [InlineData("start=yesterday&end=today", "INVALID_REPLICATION_DATE")]
    [InlineData("end=2026-01-01T00:00:00Z", "MISSING_ARGUMENT")]
    public async Task GetUpdated_BadWindow_Is400(string query, string code)
    {
        await using var org = await TestOrg.StartAsync();

        (await org.GetAsync($"sobjects/Account/updated/?{query}")).Error.Code.ShouldBe(code);
    }

    [Fact]
    public async Task DescribeGlobal_ListsStandardObjectsWithMaxBatchSize200()
    {
        await using var org = await TestOrg.StartAsync();

        var body = (await org.GetAsync("sobjects")).Body;

        body.GetProperty("maxBatchSize").GetInt32().ShouldBe(200);
        var names = body.GetProperty("sobjects").EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        new[] { "Account", "Contact", "Lead", "Opportunity", "User", "RecordType", "ContentVersion", "ContentDocument", "ContentDocumentLink", "FeedItem" }.ShouldBeSubsetOf(names);
    }

    [Fact]
    public async Task Describe_CustomFieldsAndTypes_AreReportedWithSalesforceMetadata()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Objects = [new() { Name = "Project__c", Fields = [new() { Name = "Opportunity__c", Type = "reference", ReferenceTo = ["Opportunity"], RelationshipName = "Opportunity__r" }] }],
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
            {
                ["Account"] =
                [
                    new() { Name = "Secret__c", Type = "encryptedstring", Length = 175 },
                    new() { Name = "Notes__c", Type = "textarea", ExtraTypeInfo = "richtextarea", Length = 32768 },
                    new() { Name = "Site__c", Type = "location" },
                    new() { Name = "Ext__c", Type = "string", ExternalId = true, Unique = true },
                ],
            },
        });

        var fields = (await org.GetAsync("sobjects/Account/describe")).Body.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        var project = (await org.GetAsync("sobjects/Project__c/describe")).Body;

        fields["Secret__c"].GetProperty("type").GetString().ShouldBe("encryptedstring");
        fields["Secret__c"].GetProperty("encrypted").GetBoolean().ShouldBeTrue();
        fields["Notes__c"].GetProperty("extraTypeInfo").GetString().ShouldBe("richtextarea");
        fields["Site__c"].GetProperty("type").GetString().ShouldBe("location");
        fields["Site__Latitude__s"].GetProperty("compoundFieldName").GetString().ShouldBe("Site__c");
        (fields["Ext__c"].GetProperty("externalId").GetBoolean(), fields["Ext__c"].GetProperty("unique").GetBoolean()).ShouldBe((true, true));
        fields["BillingAddress"].GetProperty("type").GetString().ShouldBe("address");
        fields["BillingAddress"].GetProperty("createable").GetBoolean().ShouldBeFalse();
        fields["OwnerId"].GetProperty("referenceTo")[0].GetString().ShouldBe("User");
        fields["OwnerId"].GetProperty("relationshipName").GetString().ShouldBe("Owner");
        fields["Industry"].GetProperty("picklistValues").GetArrayLength().ShouldBeGreaterThan(10);
        project.GetProperty("custom").GetBoolean().ShouldBeTrue();
        project.GetProperty("keyPrefix").GetString()!.ShouldStartWith("a");
    }

    [Fact]
    public async Task Describe_IfModifiedSinceAfterTheLastChange_Is304UntilTheSchemaChanges()
    {
        await using var org = await TestOrg.StartAsync();
        var first = await org.GetAsync("sobjects/Account/describe");
        var lastModified = first.Headers["Last-Modified"];

        var unchanged = await org.GetAsync("sobjects/Account/describe", ("If-Modified-Since", lastModified));
        org.Emulator.Org.Clock.Advance(TimeSpan.FromMinutes(1));
        org.Emulator.Org.Schema.AddField("Account", new CustomFieldSpec { Name = "New__c", Type = "string" }, org.Emulator.Org.Clock.Timestamp);
        var changed = await org.GetAsync("sobjects/Account/describe", ("If-Modified-Since", lastModified));

        unchanged.Status.ShouldBe(304);
        changed.Status.ShouldBe(200);
    }

    [Fact]
    public async Task Permissions_UserWithoutCreateOnLead_SeesDescribeFlagsAndIsRefused()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Users = [new() { Username = "integration@example.com", Password = "pw", Permissions = new() { ModifyAllData = false, ViewEncryptedData = false, Objects = new Dictionary<string, string> { ["Lead"] = "R", ["Account"] = "RCE" } } }],
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Secret__c", Type = "encryptedstring" }] },
        });
        var secretAccount = await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "A", ["Secret__c"] = "classified" });
        using var login = await org.Token_("password", new() { ["username"] = "integration@example.com", ["password"] = "pw" });
        org.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await TestOrg.Json(login)).GetProperty("access_token").GetString());

        var lead = (await org.GetAsync("sobjects/Lead/describe")).Body;
        var create = await org.PostAsync("sobjects/Lead", new { LastName = "x", Company = "y" });
        var contactQuery = await org.GetAsync("query?q=SELECT+Id+FROM+Contact");
        var masked = (await org.GetAsync($"sobjects/Account/{secretAccount}")).Body.GetProperty("Secret__c").GetString();

        (lead.GetProperty("queryable").GetBoolean(), lead.GetProperty("createable").GetBoolean()).ShouldBe((true, false));
        create.Status.ShouldBe(403);
        contactQuery.Error.Code.ShouldBe("INVALID_TYPE");
        masked.ShouldNotBe("classified");
    }

    [Fact]
    public async Task ApiDisabledUser_IsRefusedWithApiDisabledForOrg()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Users = [new() { Username = "noapi@example.com", Password = "pw", Permissions = new() { ApiEnabled = false } }],
        });
        using var login = await org.Token_("password", new() { ["username"] = "noapi@example.com", ["password"] = "pw" });
        org.Http.DefaultRequestHeaders.Authorization = new("Bearer", (await TestOrg.Json(login)).GetProperty("access_token").GetString());

        (await org.GetAsync("limits")).Error.Code.ShouldBe("API_DISABLED_FOR_ORG");
    }

    [Fact]
    public async Task Accounting_EveryResponse_CarriesSforceLimitInfoAndCollectionsCountOnce()
    {
        await using var org = await TestOrg.StartAsync(o => o.DailyApiRequests = 500);

        var create = await org.PostAsync("sobjects/Account", new { Name = "A" });
        var collection = await org.PostAsync("composite/sobjects", new { records = Enumerable.Range(0, 200).Select(i => new { attributes = new { type = "Account" }, Name = $"B{i}" }) });
        var error = await org.GetAsync("sobjects/Nope");

        create.Headers["Sforce-Limit-Info"].ShouldBe("api-usage=1/500");
        collection.Headers["Sforce-Limit-Info"].ShouldBe("api-usage=2/500");
        error.Headers["Sforce-Limit-Info"].ShouldBe("api-usage=3/500");
        (await org.GetAsync("limits")).Body.GetProperty("DailyApiRequests").GetProperty("Remaining").GetInt32().ShouldBe(496);
    }

    [Fact]
    public async Task Accounting_AllocationSpent_Is403RequestLimitExceededUntil24HoursPass()
    {
        await using var org = await TestOrg.StartAsync(o => o.DailyApiRequests = 3);
        for (var i = 0; i < 3; i++)
        {
            (await org.GetAsync("limits")).Status.ShouldBe(200);
        }

        var refused = await org.GetAsync("limits");
        org.Emulator.Org.Clock.Advance(TimeSpan.FromHours(24));
        await org.LoginAsync();
        var after = await org.GetAsync("limits");

        refused.Status.ShouldBe(403);
        refused.Error.ShouldBe(("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded."));
        after.Status.ShouldBe(200);
    }

    [Fact]
    public async Task CallOptions_ClientHeader_IsRecordedOnTheChangeAndTheCall()
    {
        await using var org = await TestOrg.StartAsync();

        await org.PostAsync("sobjects/Account", new { Name = "Tagged" }, ("Sforce-Call-Options", "client=platform-sync"));

        org.Emulator.Org.Store.Changes.ShouldContain(c => c.Kind == ChangeKind.Create && c.ObjectName == "Account" && c.Client == "platform-sync");
        org.Emulator.Org.Calls.Calls.ShouldContain(c => c.Client == "platform-sync" && c.Status == 201);
    }

    [Fact]
    public async Task Faults_ScriptedSequence_FailsTheNextCallsInOrderThenRecovers()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Org.Faults.Set([new FaultRule { PathContains = "/limits", Sequence = [FaultKind.ServiceUnavailable, FaultKind.UnableToLockRow, FaultKind.ServerError, FaultKind.InvalidSession, FaultKind.None] }]);

        var statuses = new List<(int, string?)>();
        for (var i = 0; i < 6; i++)
        {
            var reply = await org.GetAsync("limits");
            statuses.Add((reply.Status, reply.Status >= 400 ? reply.Error.Code : null));
        }

        statuses.ShouldBe([(503, "SERVER_UNAVAILABLE"), (400, "UNABLE_TO_LOCK_ROW"), (500, "UNKNOWN_EXCEPTION"), (401, "INVALID_SESSION_ID"), (200, null), (200, null)]);
    }

    [Fact]
    public async Task Faults_FromOptions_AreActiveFromTheStartAndAfterReset()
    {
        await using var org = await TestOrg.StartAsync(o => o.Faults = [new FaultRule { PathContains = "/limits", Kind = FaultKind.ServiceUnavailable }]);

        var before = await org.GetAsync("limits");
        org.Emulator.Org.Reset();
        await org.LoginAsync();
        var after = await org.GetAsync("limits");

        (before.Status, after.Status).ShouldBe((503, 503));
    }

    [Fact]
    public async Task Faults_DropConnection_ClosesWithoutAnAnswer()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Org.Faults.Set([new FaultRule { Sequence = [FaultKind.DropConnection] }]);

        await Should.ThrowAsync<HttpRequestException>(() => org.GetAsync("limits"));
        (await org.GetAsync("limits")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Faults_Rate_FailsRoughlyThatShareDeterministically()
    {
        await using var org = await TestOrg.StartAsync();
        org.Emulator.Org.Faults.Set([new FaultRule { Kind = FaultKind.ServiceUnavailable, Rate = 0.3 }], newSeed: 42);

        var failures = 0;
        for (var i = 0; i < 200; i++)
        {
            failures += (await org.GetAsync("limits")).Status == 503 ? 1 : 0;
        }

        failures.ShouldBeInRange(40, 80);
    }

    [Fact]
    public async Task Snapshot_RestoredAfterChanges_BringsTheRecordsBack()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "Before" });
        org.Emulator.Org.SaveSnapshot("s1");
        await org.PatchAsync($"sobjects/Account/{id}", new { Name = "After" });
        await org.CreateAsync("Account", new { Name = "Extra" });

        org.Emulator.Org.RestoreSnapshot("s1").ShouldBeTrue();

        var names = (await org.GetAsync("query?q=SELECT+Name+FROM+Account")).Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString());
        names.ShouldBe(["Before"]);
    }

    [Fact]
    public async Task AdminApi_ResetAndMergeOverHttp_WorkWithoutCountingApiCalls()
    {
        await using var org = await TestOrg.StartAsync();
        var master = await org.CreateAsync("Account", new { Name = "Master" });
        var loser = await org.CreateAsync("Account", new { Name = "Loser" });
        var contact = await org.CreateAsync("Contact", new { LastName = "Moved", AccountId = loser });
        var used = org.Emulator.Org.Usage.Used;

        using var merge = await org.Http.PostAsync("/__admin/merge", new StringContent($$"""{"masterId":"{{master}}","mergedIds":["{{loser}}"]}""", Encoding.UTF8, "application/json"));
        var merged = (await org.GetAsync($"queryAll?q=SELECT+MasterRecordId,IsDeleted+FROM+Account+WHERE+Id+=+'{loser}'")).Body.GetProperty("records")[0];
        var moved = (await org.GetAsync($"sobjects/Contact/{contact}?fields=AccountId")).Body.GetProperty("AccountId").GetString();

        merge.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        merged.GetProperty("MasterRecordId").GetString().ShouldBe(master);
        moved.ShouldBe(master);
        using var reset = await org.Http.PostAsync("/__admin/reset", null);
        org.Emulator.Org.Usage.Used.ShouldBe(0);
        used.ShouldBe(3);
    }

    [Fact]
    public async Task Seed_RecordsReferencingEachOther_ResolveHandles()
    {
        var seed = JsonSerializer.Deserialize<SeedDocument>("""
            { "records": {
                "Account": [ { "$ref": "acme", "Name": "Acme" } ],
                "Contact": [ { "LastName": "Jones", "AccountId": "@acme" } ] } }
            """, SeedDocument.JsonOptions)!;
        await using var org = await TestOrg.StartAsync(o => o.Seed = seed);

        var contact = (await org.GetAsync("query?q=SELECT+Account.Name+FROM+Contact")).Body.GetProperty("records")[0];

        contact.GetProperty("Account").GetProperty("Name").GetString().ShouldBe("Acme");
    }

    [Fact]
    public async Task Garbage_Requests_AlwaysGet4xxInSalesforceShape()
    {
        await using var org = await TestOrg.StartAsync(o => o.MaxJsonBodyBytes = 1024 * 1024);

        var badJson = await org.PostAsync("sobjects/Account", "{\"Name\": ");
        var notObject = await org.PostAsync("sobjects/Account", "[1,2,3]");
        var binary = await org.SendAsync(HttpMethod.Post, "sobjects/Account", Encoding.Latin1.GetString([0xff, 0xfe, 0x00, 0x01]), []);
        // Expect: 100-continue lets the 413 arrive before the body is sent; otherwise the refused upload races the
        // server closing the connection and the client may see a broken pipe instead of the answer.
        var huge = await org.PostAsync("sobjects/Account", $$"""{"Name":"{{new string('x', 2 * 1024 * 1024)}}"}""", ("Expect", "100-continue"));
        var badVersion = await org.GetAsync("/services/data/v99.0/limits");
        var badPath = await org.GetAsync("nothing/here");
        var badMethod = await org.SendAsync(HttpMethod.Put, "sobjects/Account", "{}", []);
        var emptyQuery = await org.GetAsync("query?q=");

        badJson.Error.Code.ShouldBe("JSON_PARSER_ERROR");
        notObject.Error.Code.ShouldBe("JSON_PARSER_ERROR");
        binary.Error.Code.ShouldBe("JSON_PARSER_ERROR");
        huge.Status.ShouldBe(413);
        (badVersion.Status, badPath.Status, badMethod.Status).ShouldBe((404, 404, 405));
        emptyQuery.Error.Code.ShouldBe("MALFORMED_QUERY");
        (await org.GetAsync("limits")).Status.ShouldBe(200);
    }

    [Fact]
    public async Task Versions_Listed_FromV31ToTheNewest()
    {
        await using var org = await TestOrg.StartAsync();
        org.Http.DefaultRequestHeaders.Authorization = null;

        var versions = (await org.GetAsync("/services/data")).Body.EnumerateArray().ToList();

        versions[0].GetProperty("version").GetString().ShouldBe("31.0");
        (versions[^1].GetProperty("version").GetString(), versions[^1].GetProperty("label").GetString()).ShouldBe(("66.0", "Spring '26"));
    }
}
