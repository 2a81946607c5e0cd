using Microsoft.Extensions.Time.Testing;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Salesforce.Tests;

public sealed class ReadWriteTests
{
    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Fact]
    public async Task QueryAsync_ManyPages_StreamsEveryRecordWithOneCallPerPage()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 4500).Select(i => Values(("Name", $"Paged {i:0000}")))]);
        var before = harness.Client.ApiCalls;

        var ids = new List<string>();
        await foreach (var record in harness.Client.QueryAsync(Soql.Format($"SELECT Id, Name FROM Account WHERE Name LIKE {"Paged":startswith}"), new ReadOptions { BatchSize = 200 }))
        {
            ids.Add(record.Id!);
        }

        ids.Distinct().Count().ShouldBe(4500);
        (harness.Client.ApiCalls - before).ShouldBe(23);
    }

    [Fact]
    public async Task CreateManyAsync_1001Records_Takes6CollectionsCallsAndKeepsOrder()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.DescribeAsync("Account");
        var before = harness.Client.ApiCalls;

        var results = await harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 1001).Select(i => Values(("Name", $"Split {i}"), ("NumberOfEmployees", (long)i)))]);

        (harness.Client.ApiCalls - before).ShouldBe(6);
        results.Count.ShouldBe(1001);
        results.ShouldAllBe(r => r.Success && r.Created == true);
        var last = await harness.Client.GetAsync("Account", results[1000].Id!, ["Name", "NumberOfEmployees"]);
        (last!["Name"], last["NumberOfEmployees"]).ShouldBe(("Split 1000", 1000L));
    }

    [Fact]
    public async Task WriteManyAsync_InvalidRecordsInTheBatch_FailLocallyOrPerRecordWhileOthersSave()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Tier__c", Type = "picklist", Values = ["Gold"], Restricted = true }] },
        });
        await harness.Client.DescribeAsync("Account");
        var before = harness.Client.ApiCalls;

        var results = await harness.Client.CreateManyAsync("Account",
        [
            Values(("Name", "Fine")),
            Values(("Name", "Bad tier"), ("Tier__c", "Bronze")),
            Values(("Industry", "Banking")),
            Values(("Name", "Bad field"), ("Nope__c", "x")),
        ]);

        results.Select(r => (r.Success, r.Errors.FirstOrDefault()?.ErrorCode)).ShouldBe(
            [(true, null), (false, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST"), (false, "REQUIRED_FIELD_MISSING"), (false, "INVALID_FIELD")]);
        results[2].ErrorKind.ShouldBe(SalesforceErrorKind.Permanent);
        (harness.Client.ApiCalls - before).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateUpsertDeleteMany_RoundTripThroughCollections()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Ext__c", Type = "string", ExternalId = true }] },
        });
        var created = await harness.Client.CreateManyAsync("Account", [Values(("Name", "A"), ("Ext__c", "E1")), Values(("Name", "B"))]);

        var updated = await harness.Client.UpdateManyAsync("Account", [new RecordWrite(created[1].Id, Values(("Industry", "Banking")))]);
        var upserted = await harness.Client.UpsertManyAsync("Account", "Ext__c", [Values(("Ext__c", "E1"), ("Name", "A2")), Values(("Ext__c", "E2"), ("Name", "C"))]);
        var deleted = await harness.Client.DeleteManyAsync("Account", [created[0].Id!, created[1].Id!]);

        updated.ShouldHaveSingleItem().Success.ShouldBeTrue();
        upserted.Select(u => (u.Success, u.Created)).ShouldBe([(true, false), (true, true)]);
        deleted.ShouldAllBe(d => d.Success);
        (await harness.Client.GetAsync("Account", created[0].Id!)).ShouldBeNull();
    }

    [Fact]
    public async Task UpsertAsync_CreatesUpdatesAndReportsMultipleMatches()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Ext__c", Type = "string", ExternalId = true }] },
        });

        var first = await harness.Client.UpsertAsync("Account", "Ext__c", "X-1", Values(("Name", "One")));
        var second = await harness.Client.UpsertAsync("Account", "Ext__c", "X-1", Values(("Name", "One again")));
        await harness.Client.CreateManyAsync("Account", [Values(("Name", "D1"), ("Ext__c", "DUP")), Values(("Name", "D2"), ("Ext__c", "DUP"))]);
        var multiple = await Should.ThrowAsync<SalesforceMultipleMatchesException>(() => harness.Client.UpsertAsync("Account", "Ext__c", "DUP", Values(("Name", "?"))));

        (first.Created, second.Created, second.Id).ShouldBe((true, false, first.Id));
        multiple.RecordIds.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Writes_AlwaysCarryTheClientNameInSforceCallOptions()
    {
        await using var harness = await Harness.StartAsync();

        var id = await harness.Client.CreateAsync("Contact", Values(("LastName", "Tagged")));
        await harness.Client.UpdateAsync("Contact", id, Values(("Title", "CEO")));

        harness.Emulator.Org.Store.Changes.Where(c => c.RecordId == id).ShouldAllBe(c => c.Client == "platform-tests");
    }

    [Fact]
    public async Task ReadAsync_RelationshipFields_AreTypedThroughTheParentDescribe()
    {
        await using var harness = await Harness.StartAsync();
        var account = await harness.Client.CreateAsync("Account", Values(("Name", "Parent"), ("AnnualRevenue", 1234m)));
        await harness.Client.CreateAsync("Opportunity", Values(("Name", "Deal"), ("StageName", "Prospecting"), ("CloseDate", new DateOnly(2026, 12, 31)), ("AccountId", account)));

        var records = new List<SalesforceRecord>();
        await foreach (var record in harness.Client.ReadAsync(Soql.Format($"SELECT Id, CloseDate, IsClosed, Account.Name, Account.AnnualRevenue, Owner.Name FROM Opportunity")))
        {
            records.Add(record);
        }

        var deal = records.ShouldHaveSingleItem();
        (deal["CloseDate"], deal["IsClosed"], deal["Account.Name"], deal["Account.AnnualRevenue"], deal["Owner.Name"])
            .ShouldBe((new DateOnly(2026, 12, 31), false, "Parent", 1234m, "Emulator Admin"));
    }

    [Fact]
    public async Task BulkThreshold_LargerBatches_GoThroughBulkWithResultsInOrder()
    {
        await using var harness = await Harness.StartAsync(client: o => o with { BulkThreshold = 100 });
        var records = Enumerable.Range(0, 150).Select(i => i == 75 ? Values(("Industry", "No name")) : Values(("Name", $"Bulk {i}"), ("Industry", "Banking"))).ToList();

        var results = await harness.Client.CreateManyAsync("Account", [.. records]);
        var small = await harness.Client.CreateManyAsync("Account", [Values(("Name", "Small"))]);

        harness.EmulatorCalls("/jobs/ingest").ShouldBeGreaterThan(0);
        harness.EmulatorCalls("/composite/sobjects").ShouldBe(1);
        results.Count(r => r.Success).ShouldBe(149);
        results[75].Errors[0].ErrorCode.ShouldBe("REQUIRED_FIELD_MISSING");
        (await harness.Client.GetAsync("Account", results[149].Id!, ["Name"]))!["Name"].ShouldBe("Bulk 149");
        small.ShouldHaveSingleItem().Success.ShouldBeTrue();
    }

    [Fact]
    public async Task ReadAsync_ExpectedCountAboveTheThreshold_UsesABulkQueryJob()
    {
        await using var harness = await Harness.StartAsync(client: o => o with { BulkThreshold = 100 });
        await harness.Client.CreateManyAsync("Account", [.. Enumerable.Range(0, 250).Select(i => Values(("Name", $"Q {i}"), ("NumberOfEmployees", (long)i)))], new WriteOptions { Mode = WriteMode.Collections });

        var records = new List<SalesforceRecord>();
        await foreach (var record in harness.Client.ReadAsync(Soql.Format($"SELECT Id, Name, NumberOfEmployees, Owner.Name FROM Account"), new ReadOptions { ExpectedCount = 250 }))
        {
            records.Add(record);
        }

        harness.EmulatorCalls("/jobs/query").ShouldBeGreaterThan(0);
        records.Count.ShouldBe(250);
        records.Single(r => (string?)r["Name"] == "Q 42")["NumberOfEmployees"].ShouldBe(42L);
        records[0]["Owner.Name"].ShouldBe("Emulator Admin");
    }

    [Fact]
    public async Task GetUpdatedAndDeleted_AfterTheDeleteLogIsPurged_SignalAFullResync()
    {
        await using var harness = await Harness.StartAsync();
        var org = harness.Emulator.Org;
        var start = org.Clock.UtcNow;
        var id = await harness.Client.CreateAsync("Account", Values(("Name", "Watched")));
        await harness.Client.DeleteAsync("Account", id);
        org.Clock.Advance(TimeSpan.FromMinutes(2));

        var deleted = await harness.Client.GetDeletedAsync("Account", start, org.Clock.UtcNow);
        org.Store.TruncateDeleteLog(org.Schema.Find("Account")!, org.Clock.UtcNow);
        var purged = await harness.Client.GetDeletedAsync("Account", start, org.Clock.UtcNow.AddMinutes(1));

        deleted.Records.ShouldContain(r => r.Id == id);
        deleted.RequiresFullResync.ShouldBeFalse();
        purged.RequiresFullResync.ShouldBeTrue();
    }

    [Fact]
    public async Task DescribeAsync_StaleEntry_IsRevalidatedWithIfModifiedSince()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await Harness.StartAsync(client: o => o with { DescribeFreshness = TimeSpan.FromMinutes(15) }, time: time);
        await harness.Client.DescribeAsync("Account");
        var afterFirst = harness.Client.ApiCalls;

        await harness.Client.DescribeAsync("Account");
        var whileFresh = harness.Client.ApiCalls;
        time.Advance(TimeSpan.FromMinutes(16));
        var revalidated = await harness.Client.DescribeAsync("Account");

        (whileFresh - afterFirst).ShouldBe(0);
        (harness.Client.ApiCalls - whileFresh).ShouldBe(1);
        harness.Emulator.Org.Calls.Calls.Last().Status.ShouldBe(304);
        revalidated.Field("Name")!.Type.ShouldBe("string");
    }

    [Fact]
    public async Task CountAsync_CountQuery_ReturnsTheTotal()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.CreateManyAsync("Contact", [.. Enumerable.Range(0, 7).Select(i => Values(("LastName", $"C{i}")))]);

        (await harness.Client.CountAsync(Soql.Format($"SELECT COUNT() FROM Contact"))).ShouldBe(7);
    }
}
