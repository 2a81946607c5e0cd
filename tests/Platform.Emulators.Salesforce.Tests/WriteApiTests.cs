using System.Text.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Tests;

public sealed class WriteApiTests
{
    private static readonly SeedDocument ExternalIdSeed = new()
    {
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
        {
            ["Account"] = [new() { Name = "Ext_Id__c", Type = "string", Length = 80, ExternalId = true }, new() { Name = "Code__c", Type = "string", ExternalId = true }],
        },
    };

    [Fact]
    public async Task Upsert_NoMatch_Creates201WithCreatedTrue()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);

        var reply = await org.PatchAsync("sobjects/Account/Ext_Id__c/A-1", new { Name = "Acme" });

        reply.Status.ShouldBe(201);
        reply.Body.GetProperty("created").GetBoolean().ShouldBeTrue();
        var id = reply.Body.GetProperty("id").GetString();
        (await org.GetAsync($"sobjects/Account/{id}")).Body.GetProperty("Ext_Id__c").GetString().ShouldBe("A-1");
    }

    [Fact]
    public async Task Upsert_OneMatch_Updates200WithCreatedFalse()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);
        var id = await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "Old", ["Ext_Id__c"] = "A-1" });

        var reply = await org.PatchAsync("sobjects/Account/Ext_Id__c/a-1", new { Name = "New" });

        reply.Status.ShouldBe(200);
        (reply.Body.GetProperty("id").GetString(), reply.Body.GetProperty("created").GetBoolean()).ShouldBe((id, false));
        (await org.GetAsync($"sobjects/Account/{id}")).Body.GetProperty("Name").GetString().ShouldBe("New");
    }

    [Fact]
    public async Task Upsert_OneMatchBeforeApi46_Is204()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);
        await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "Old", ["Ext_Id__c"] = "A-1" });

        var reply = await org.PatchAsync("/services/data/v45.0/sobjects/Account/Ext_Id__c/A-1", new { Name = "New" });

        reply.Status.ShouldBe(204);
    }

    [Fact]
    public async Task Upsert_SeveralMatches_Is300WithTheirUrlsAndChangesNothing()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);
        var a = await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "A", ["Code__c"] = "DUP" });
        var b = await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "B", ["Code__c"] = "DUP" });

        var reply = await org.PatchAsync("sobjects/Account/Code__c/DUP", new { Name = "C" });

        reply.Status.ShouldBe(300);
        reply.Body.EnumerateArray().Select(u => u.GetString()).ShouldBe([$"/services/data/v60.0/sobjects/Account/{a}", $"/services/data/v60.0/sobjects/Account/{b}"], ignoreOrder: true);
        (await org.GetAsync($"sobjects/Account/{a}")).Body.GetProperty("Name").GetString().ShouldBe("A");
    }

    [Fact]
    public async Task Upsert_FieldNotAnExternalId_Is404NamingTheField()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PatchAsync("sobjects/Account/Namez/x", new { Name = "C" });

        reply.Status.ShouldBe(404);
        reply.Error.ShouldBe(("NOT_FOUND", "Provided external ID field does not exist or is not accessible: Namez"));
    }

    [Fact]
    public async Task Upsert_UpdateOnlyWithoutMatch_Is404()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);

        (await org.PatchAsync("sobjects/Account/Ext_Id__c/none?updateOnly=true", new { Name = "C" })).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Collections_CreateMixedTypes_ReturnsOneResultPerRecordInOrder()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite/sobjects", new
        {
            allOrNone = false,
            records = new object[]
            {
                new { attributes = new { type = "Account" }, Name = "One" },
                new { attributes = new { type = "Contact" }, FirstName = "No", Title = "missing last name" },
                new { attributes = new { type = "Account" }, Name = "Three" },
            },
        });

        reply.Status.ShouldBe(200);
        var results = reply.Body.EnumerateArray().ToList();
        results.Select(r => r.GetProperty("success").GetBoolean()).ShouldBe([true, false, true]);
        results[0].GetProperty("id").GetString().ShouldStartWith("001");
        results[1].TryGetProperty("id", out _).ShouldBeFalse();
        results[1].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("REQUIRED_FIELD_MISSING");
    }

    [Fact]
    public async Task Collections_AllOrNoneWithOneFailure_RollsEveryRecordBack()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite/sobjects", new
        {
            allOrNone = true,
            records = new object[] { new { attributes = new { type = "Account" }, Name = "Kept?" }, new { attributes = new { type = "Account" } } },
        });
        var count = await org.GetAsync("query?q=SELECT+COUNT()+FROM+Account");

        var results = reply.Body.EnumerateArray().ToList();
        results[0].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        results[1].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("REQUIRED_FIELD_MISSING");
        count.Body.GetProperty("totalSize").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Collections_UpdateUnknownId_IsPerRecordInvalidCrossReferenceKey()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "A" });

        var reply = await org.PatchAsync("composite/sobjects", new
        {
            records = new object[]
            {
                new { attributes = new { type = "Account" }, id, Name = "B" },
                new { attributes = new { type = "Account" }, id = "001000000000000AAA", Name = "C" },
            },
        });

        var results = reply.Body.EnumerateArray().ToList();
        results[0].GetProperty("success").GetBoolean().ShouldBeTrue();
        results[1].GetProperty("errors")[0].GetProperty("statusCode").GetString().ShouldBe("INVALID_CROSS_REFERENCE_KEY");
    }

    [Fact]
    public async Task Collections_UpsertByExternalId_ReportsCreatedPerRecord()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = ExternalIdSeed);
        await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "Existing", ["Ext_Id__c"] = "E-1" });

        var reply = await org.PatchAsync("composite/sobjects/Account/Ext_Id__c", new
        {
            records = new object[]
            {
                new Dictionary<string, object> { ["attributes"] = new { type = "Account" }, ["Ext_Id__c"] = "E-1", ["Name"] = "Updated" },
                new Dictionary<string, object> { ["attributes"] = new { type = "Account" }, ["Ext_Id__c"] = "E-2", ["Name"] = "Created" },
            },
        });

        reply.Body.EnumerateArray().Select(r => (r.GetProperty("success").GetBoolean(), r.GetProperty("created").GetBoolean())).ShouldBe([(true, false), (true, true)]);
    }

    [Fact]
    public async Task Collections_DeleteAndRetrieve_WorkByIds()
    {
        await using var org = await TestOrg.StartAsync();
        var a = await org.CreateAsync("Account", new { Name = "A" });
        var b = await org.CreateAsync("Account", new { Name = "B" });

        var retrieved = await org.PostAsync("composite/sobjects/Account", new { ids = new[] { a, b, "001000000000000AAA" }, fields = new[] { "Name" } });
        var deleted = await org.DeleteAsync($"composite/sobjects?ids={a},{b}&allOrNone=false");

        retrieved.Body.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Null ? null : r.GetProperty("Name").GetString()).ShouldBe(["A", "B", null]);
        deleted.Body.EnumerateArray().Select(r => r.GetProperty("id").GetString()).ShouldBe([a, b]);
        (await org.DeleteAsync("composite/sobjects")).Error.ShouldBe(("REQUIRED_FIELD_MISSING", "At least 1 Id is required."));
    }

    [Fact]
    public async Task Collections_MoreThan200Records_Is400()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite/sobjects", new { records = Enumerable.Range(0, 201).Select(i => new { attributes = new { type = "Account" }, Name = $"A{i}" }) });

        reply.Status.ShouldBe(400);
        reply.Error.Code.ShouldBe("EXCEEDED_ID_LIMIT");
    }

    [Fact]
    public async Task Collections_MoreThanTenTypeChunks_Is400()
    {
        await using var org = await TestOrg.StartAsync();
        var records = Enumerable.Range(0, 11).Select(i => (object)(i % 2 == 0
            ? new { attributes = new { type = "Account" }, Name = "A" }
            : new { attributes = new { type = "Contact" }, LastName = "C" }));

        (await org.PostAsync("composite/sobjects", new { records })).Error.Code.ShouldBe("INVALID_BATCH_SIZE");
    }

    [Fact]
    public async Task Composite_ChainedReferences_CreateAccountThenContactInOneCall()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite", new
        {
            compositeRequest = new object[]
            {
                new { method = "POST", url = "/services/data/v60.0/sobjects/Account", referenceId = "newAccount", body = new { Name = "Chained" } },
                new { method = "POST", url = "/services/data/v60.0/sobjects/Contact", referenceId = "newContact", body = new { LastName = "Linked", AccountId = "@{newAccount.id}" } },
                new { method = "GET", url = "/services/data/v60.0/sobjects/Contact/@{newContact.id}?fields=AccountId", referenceId = "readBack" },
            },
        });

        var responses = reply.Body.GetProperty("compositeResponse").EnumerateArray().ToList();
        responses.Select(r => r.GetProperty("httpStatusCode").GetInt32()).ShouldBe([201, 201, 200]);
        responses[0].GetProperty("httpHeaders").GetProperty("Location").GetString().ShouldStartWith("/services/data/v60.0/sobjects/Account/");
        responses[2].GetProperty("body").GetProperty("AccountId").GetString().ShouldBe(responses[0].GetProperty("body").GetProperty("id").GetString());
        org.Emulator.Org.Calls.Calls.Count(c => c.Counted).ShouldBe(1);
    }

    [Fact]
    public async Task Composite_AllOrNoneWithAFailure_RollsBackAndHaltsTheOthers()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite", new
        {
            allOrNone = true,
            compositeRequest = new object[]
            {
                new { method = "POST", url = "/services/data/v60.0/sobjects/Account", referenceId = "ok", body = new { Name = "Rolled back" } },
                new { method = "POST", url = "/services/data/v60.0/sobjects/Account", referenceId = "bad", body = new { Nope = 1 } },
            },
        });
        var count = await org.GetAsync("query?q=SELECT+COUNT()+FROM+Account");

        var responses = reply.Body.GetProperty("compositeResponse").EnumerateArray().ToList();
        responses[0].GetProperty("body")[0].GetProperty("errorCode").GetString().ShouldBe("PROCESSING_HALTED");
        responses[1].GetProperty("body")[0].GetProperty("errorCode").GetString().ShouldBe("INVALID_FIELD");
        count.Body.GetProperty("totalSize").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Composite_MoreThan25Subrequests_Is400()
    {
        await using var org = await TestOrg.StartAsync();
        var requests = Enumerable.Range(0, 26).Select(i => new { method = "GET", url = "/services/data/v60.0/limits", referenceId = $"r{i}" });

        (await org.PostAsync("composite", new { compositeRequest = requests })).Status.ShouldBe(400);
    }

    [Fact]
    public async Task CompositeBatch_IndependentSubrequests_ReturnsEachResult()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("composite/batch", new
        {
            batchRequests = new object[] { new { method = "GET", url = "v60.0/limits" }, new { method = "GET", url = "v60.0/sobjects/Nope/describe" } },
        });

        reply.Body.GetProperty("hasErrors").GetBoolean().ShouldBeTrue();
        reply.Body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("statusCode").GetInt32()).ShouldBe([200, 404]);
    }
}
