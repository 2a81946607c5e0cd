using System.Globalization;
using Platform.Grains.Events;
using Platform.Grains.Integrations;
using Platform.Salesforce;
using Platform.Salesforce.Related;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Receivers;

/// <summary>
/// One receiving pass of an integration: process entries a crash left unprocessed, then read each trigger object's
/// changes from its keyset watermark (with the overlap window), find the records that fire a trigger, and for each save
/// an entry with the values of the receiver's fields (resolved through the relationship table) and the people to match,
/// then process it. A new receiver starts at the current time: only changes after it was set up make entries.
/// </summary>
internal sealed class ReceiverCycle(
    string integrationId,
    ReceiverConfig config,
    EntryProcessor processor,
    SalesforceClient salesforce,
    IEntryStore entries,
    SyncEventHub events,
    SyncEngineOptions options,
    TimeProvider time)
{
    private static readonly string[] PersonFields = ["FirstName", "LastName", "Email"];

    private readonly RelatedRecordResolver _resolver = new(salesforce);

    /// <summary>Entries saved during the pass.</summary>
    public int Received { get; private set; }

    /// <summary>Records read from the trigger objects.</summary>
    public int RecordsRead { get; private set; }

    public required Func<Task> SaveCursorsAsync { get; init; }

    public async Task RunAsync(IDictionary<string, ReceiverCursor> cursors, CancellationToken cancellationToken)
    {
        foreach (var pending in await entries.ListAsync(new EntryQuery { IntegrationId = integrationId, Status = EntryStatus.Received, Limit = 1000 }, cancellationToken))
        {
            await processor.ProcessAsync(pending, cancellationToken);
        }

        foreach (var objectName in config.Triggers.Select(t => t.Object).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!cursors.TryGetValue(objectName, out var cursor))
            {
                // SystemModstamp has whole seconds: a change later in this second must not fall before the start.
                var now = time.GetUtcNow();
                var start = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
                cursors[objectName] = new ReceiverCursor { StartedAt = start, ReadThrough = start };
                await SaveCursorsAsync();
                continue;
            }

            await ReadAsync(objectName, cursor, cancellationToken);
        }
    }

    private async Task ReadAsync(string objectName, ReceiverCursor cursor, CancellationToken cancellationToken)
    {
        var fields = TriggerEvaluator.FeedFields(config, objectName);
        var overlapped = cursor.ReadThrough - options.OverlapWindow;
        var since = overlapped > cursor.StartedAt ? overlapped : cursor.StartedAt;
        // The record's own fields an entry needs (its carried fields, and its name and e-mail when it is a person) come
        // with the feed, so an entry costs queries only for related records.
        string[] select = ["Id", "SystemModstamp", .. fields.Concat(IsPerson(objectName) ? PersonFields : []).Where(f => !f.Equals("Id", StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.OrdinalIgnoreCase)];
        var soql = Soql.Format($"SELECT {SoqlIdentifier.List(select)} FROM {SoqlIdentifier.Of(objectName)} WHERE SystemModstamp >= {since} ORDER BY SystemModstamp, Id");
        await foreach (var batch in salesforce.ReadBatchesAsync(soql, options.SalesforcePageSize, cancellationToken))
        {
            await BatchAsync(objectName, fields, cursor, batch, cancellationToken);
        }
    }

    private async Task BatchAsync(string objectName, IReadOnlyList<string> fields, ReceiverCursor cursor, IReadOnlyList<SalesforceRecord> batch, CancellationToken cancellationToken)
    {
        RecordsRead += batch.Count;
        var marks = await entries.GetMarksAsync(integrationId, objectName, [.. batch.Select(r => r.Id)], cancellationToken);
        var changedMarks = new Dictionary<string, string?>(StringComparer.Ordinal);
        var fired = new List<(SalesforceRecord Record, ReceiverTrigger Trigger)>();
        foreach (var record in batch)
        {
            var values = fields.ToDictionary(f => f, f => Canonical.From(record.Values.GetValueOrDefault(f)), StringComparer.OrdinalIgnoreCase);
            var previous = marks.GetValueOrDefault(record.Id);
            var evaluation = TriggerEvaluator.Evaluate(config, objectName, values, previous);
            if (evaluation.Mark != previous)
            {
                changedMarks[record.Id] = evaluation.Mark;
            }

            fired.AddRange(evaluation.Fired.Select(t => (record, t)));
        }

        // Entries are saved before the marks: a crash in between makes a duplicate entry (processed idempotently), never a lost one.
        var saved = new List<ReceiverEntry>(fired.Count);
        foreach (var (record, trigger) in fired)
        {
            saved.Add(await entries.AddAsync(await EntryAsync(objectName, record, trigger, cancellationToken), cancellationToken));
        }

        await entries.SetMarksAsync(integrationId, objectName, changedMarks, cancellationToken);
        foreach (var entry in saved)
        {
            Received++;
            events.Publish(new SyncEvent(entry.ReceivedAt, integrationId, SyncEventKind.Entry, $"Entry {entry.Id} received: {entry.TriggerObject} {entry.TriggerId} ({entry.Action}).", EntryId: entry.Id));
            await processor.ProcessAsync(entry, cancellationToken);
        }

        var last = batch[^1];
        cursor.ReadThrough = last.Values.GetValueOrDefault("SystemModstamp") switch
        {
            DateTimeOffset stamp => stamp,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ => cursor.ReadThrough,
        };
        await SaveCursorsAsync();
    }

    /// <summary>An entry for a record that fired: the receiver's fields and the people, found from the record.</summary>
    private async Task<ReceiverEntry> EntryAsync(string objectName, SalesforceRecord record, ReceiverTrigger trigger, CancellationToken cancellationToken)
    {
        var personObject = objectName.Equals("Lead", StringComparison.OrdinalIgnoreCase) ? "Lead" : "Contact";
        var accountNeeded = config.People == PeopleScope.AccountContacts && personObject == "Contact";
        FieldRef[] refs =
        [
            .. config.Fields.Select(f => new FieldRef(f.Object, f.SalesforceField)),
            .. PersonFields.Select(f => new FieldRef(personObject, f)),
            .. accountNeeded ? [new FieldRef("Account", "Id")] : Array.Empty<FieldRef>(),
        ];
        var related = await _resolver.ResolveAsync(objectName, record.Id, [.. refs.Where(r => !Same(r.Object, objectName)).Distinct()], cancellationToken);
        string? Value(string owner, string field) => Same(owner, objectName)
            ? Canonical.From(field.Equals("Id", StringComparison.OrdinalIgnoreCase) ? record.Id : record.Values.GetValueOrDefault(field))
            : Canonical.From(related.Values.GetValueOrDefault(new FieldRef(owner, field).ToString()));
        string? RecordId(string wanted) => Same(wanted, objectName) ? record.Id : related.RecordIds.GetValueOrDefault(wanted);

        var people = new List<SalesforcePerson>();
        if (RecordId(personObject) is { } personId)
        {
            people.Add(Person(personObject, personId, f => Value(personObject, f)));
        }

        if (accountNeeded && RecordId("Account") is { } accountId)
        {
            await foreach (var contact in salesforce.ReadAsync(Soql.Format($"SELECT Id, FirstName, LastName, Email FROM Contact WHERE AccountId = {accountId} ORDER BY CreatedDate, Id LIMIT 200"), cancellationToken: cancellationToken))
            {
                if (people.All(p => p.Id != contact.Id))
                {
                    people.Add(Person("Contact", contact.Id, f => Canonical.From(contact.Values.GetValueOrDefault(f))));
                }
            }
        }

        return new ReceiverEntry
        {
            IntegrationId = integrationId,
            ReceivedAt = time.GetUtcNow(),
            Action = trigger.Action,
            TriggerObject = objectName,
            TriggerId = record.Id,
            Values = config.Fields.ToDictionary(f => f.Name, f => Value(f.Object, f.SalesforceField), StringComparer.Ordinal),
            People = people,
            Notes = [.. related.Notes.Distinct(StringComparer.Ordinal)],
        };
    }

    private static bool IsPerson(string objectName) => objectName is "Lead" or "Contact";

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static SalesforcePerson Person(string objectName, string id, Func<string, string?> value) =>
        new(objectName, id, value("FirstName"), value("LastName"), value("Email"));
}
