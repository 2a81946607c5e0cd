using Platform.Sdk;
using Platform.Sync;

namespace Platform.Storage.Sqlite.Tests;

public sealed class SqliteEntryStoreTests : IAsyncLifetime
{
    private readonly StorageHarness _harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    private static ReceiverEntry Entry(string integrationId = "rr", string trigger = "006A") => new()
    {
        IntegrationId = integrationId,
        ReceivedAt = new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.Zero),
        Action = "approved",
        TriggerObject = "Opportunity",
        TriggerId = trigger,
        Values = new Dictionary<string, string?> { ["amount"] = "5000", ["referralId"] = null },
        People = [new SalesforcePerson("Contact", "003A", "Dana", null, "dana@example.com")],
        Notes = ["Opportunity 006A has no related Contact records"],
    };

    [Fact]
    public async Task Add_ThenGet_RoundTripsEveryColumnAcrossAReopen()
    {
        var added = await _harness.Entries.AddAsync(Entry());
        await _harness.Entries.UpdateAsync(added with { Status = EntryStatus.Failed, Message = "no member", Attempts = 1, AppRecordIds = ["r1"], Edited = true, ProcessedAt = added.ReceivedAt.AddSeconds(2) });
        await _harness.ReopenAsync();

        var read = (await _harness.Entries.GetAsync("rr", added.Id)).ShouldNotBeNull();

        read.ShouldSatisfyAllConditions(
            e => e.Id.ShouldBeGreaterThan(0),
            e => e.Values.ShouldBe(new Dictionary<string, string?> { ["amount"] = "5000", ["referralId"] = null }),
            e => e.People.ShouldHaveSingleItem().ShouldBe(new SalesforcePerson("Contact", "003A", "Dana", null, "dana@example.com")),
            e => e.Notes.ShouldHaveSingleItem(),
            e => e.Status.ShouldBe(EntryStatus.Failed),
            e => e.Message.ShouldBe("no member"),
            e => e.AppRecordIds.ShouldBe(["r1"]),
            e => e.Attempts.ShouldBe(1),
            e => e.Edited.ShouldBeTrue(),
            e => e.ProcessedAt.ShouldBe(added.ReceivedAt.AddSeconds(2)));
        (await _harness.Entries.GetAsync("other", added.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task List_FiltersByStatusAndTrigger_NewestFirst_AndPagesBeforeAnId()
    {
        var first = await _harness.Entries.AddAsync(Entry(trigger: "006A"));
        var second = await _harness.Entries.AddAsync(Entry(trigger: "006B") with { Status = EntryStatus.Review });
        var third = await _harness.Entries.AddAsync(Entry(trigger: "006A"));
        await _harness.Entries.AddAsync(Entry(integrationId: "other"));

        (await _harness.Entries.ListAsync(new EntryQuery { IntegrationId = "rr" })).Select(e => e.Id).ShouldBe([third.Id, second.Id, first.Id]);
        (await _harness.Entries.ListAsync(new EntryQuery { IntegrationId = "rr", Status = EntryStatus.Review })).ShouldHaveSingleItem().Id.ShouldBe(second.Id);
        (await _harness.Entries.ListAsync(new EntryQuery { IntegrationId = "rr", TriggerId = "006A", Before = third.Id })).ShouldHaveSingleItem().Id.ShouldBe(first.Id);
    }

    [Fact]
    public async Task Marks_AreSetReplacedAndRemoved_PerIntegrationAndObject()
    {
        await _harness.Entries.SetMarksAsync("rr", "Opportunity", new Dictionary<string, string?> { ["006A"] = "a", ["006B"] = "b" });
        await _harness.Entries.SetMarksAsync("rr", "Opportunity", new Dictionary<string, string?> { ["006A"] = "a2", ["006B"] = null });

        (await _harness.Entries.GetMarksAsync("rr", "Opportunity", ["006A", "006B", "006C"])).ShouldBe(new Dictionary<string, string> { ["006A"] = "a2" });
        (await _harness.Entries.GetMarksAsync("rr", "Lead", ["006A"])).ShouldBeEmpty();
        (await _harness.Entries.GetMarksAsync("other", "Opportunity", ["006A"])).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteIntegration_RemovesItsEntriesAndMarksOnly()
    {
        var mine = await _harness.Entries.AddAsync(Entry());
        var theirs = await _harness.Entries.AddAsync(Entry(integrationId: "other"));
        await _harness.Entries.SetMarksAsync("rr", "Opportunity", new Dictionary<string, string?> { ["006A"] = "a" });

        await _harness.Entries.DeleteIntegrationAsync("rr");

        (await _harness.Entries.GetAsync("rr", mine.Id)).ShouldBeNull();
        (await _harness.Entries.GetAsync("other", theirs.Id)).ShouldNotBeNull();
        (await _harness.Entries.GetMarksAsync("rr", "Opportunity", ["006A"])).ShouldBeEmpty();
    }
}
