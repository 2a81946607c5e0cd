namespace Platform.Sdk.Testing;

internal sealed partial class ConformanceRun
{
    private const int SeededForPaging = 5;
    private const int PageSize = 2;

    private async Task<string> CheckWritesAsync(ConformanceEntity entity, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        var id = await CreateAsync(client.App, entity, cancellationToken);
        await ExpectValuesAsync(client.App, entity.Name, id, entity.Create, "after the create", cancellationToken);
        var updated = await WriteOneAsync(client.App, entity.Name, new AppWrite { Kind = AppWriteKind.Update, Id = id, Values = entity.Update, IdempotencyKey = Key("update") }, cancellationToken);
        Require(updated.Id == id, $"the update of {id} answered with id '{updated.Id}'.");
        await ExpectValuesAsync(client.App, entity.Name, id, entity.Update, "after the update", cancellationToken);
        if (!entity.Deletes)
        {
            return $"created {id}, read it back, updated it.";
        }

        await WriteOneAsync(client.App, entity.Name, new AppWrite { Kind = AppWriteKind.Delete, Id = id, IdempotencyKey = Key("delete") }, cancellationToken);
        Require(await client.App.GetAsync(entity.Name, id, cancellationToken) is null, $"{id} can still be read after its delete succeeded.");
        return $"created {id}, read it back, updated it, deleted it.";
    }

    /// <summary>A write may arrive twice (after a crash or a timeout): the second must succeed and change nothing.</summary>
    private async Task<string> CheckRedeliveryAsync(ConformanceEntity entity, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        var id = await CreateAsync(client.App, entity, cancellationToken);
        var update = new AppWrite { Kind = AppWriteKind.Update, Id = id, Values = entity.Update, IdempotencyKey = Key("update") };
        await WriteOneAsync(client.App, entity.Name, update, cancellationToken);
        await WriteOneAsync(client.App, entity.Name, update, cancellationToken);
        await ExpectValuesAsync(client.App, entity.Name, id, entity.Update, "after the same update twice", cancellationToken);
        if (!entity.Deletes)
        {
            return "the same update twice left the record as once.";
        }

        var delete = new AppWrite { Kind = AppWriteKind.Delete, Id = id, IdempotencyKey = Key("delete") };
        await WriteOneAsync(client.App, entity.Name, delete, cancellationToken);
        await WriteOneAsync(client.App, entity.Name, delete, cancellationToken);
        return "the same update twice left the record as once; deleting a deleted record succeeded.";
    }

    /// <summary>The change feed delivers records added app-side, in pages no larger than asked, and resumes where it stopped.</summary>
    private async Task<string> CheckFeedAsync(ConformanceEntity entity, CancellationToken cancellationToken)
    {
        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        var (_, start, _) = await ReadFeedAsync(client.App, entity.Name, null, 100, cancellationToken);
        var showsOwnWrites = entity.FeedShowsOwnWrites ?? !UsesGateway;
        var app = subject.App ?? _gateway;
        if (app is null && !showsOwnWrites)
        {
            return "nothing can add records app-side (give ConformanceSubject.App), so only reading to the end was checked.";
        }

        var seeded = new List<string>();
        for (var i = 0; i < SeededForPaging; i++)
        {
            seeded.Add(app is not null ? await app.AddAsync(entity.Name, entity.Create, cancellationToken) : await CreateAsync(client.App, entity, cancellationToken));
        }

        var (changes, end, pages) = await ReadFeedAsync(client.App, entity.Name, start, PageSize, cancellationToken);
        var delivered = changes.Where(c => c.Kind == AppChangeKind.Upserted).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var missing = seeded.Where(id => !delivered.Contains(id)).ToList();
        Require(missing.Count == 0, $"the feed read from the cursor before them did not deliver {missing.Count} of the {SeededForPaging} records added: {string.Join(", ", missing)}.");
        Require(pages >= SeededForPaging / PageSize, $"{SeededForPaging} records came in {pages} pages of at most {PageSize}: the feed must page.");
        foreach (var change in changes.Where(c => c.Kind == AppChangeKind.Upserted && seeded.Contains(c.Id)))
        {
            Require(change.Record is not null, $"the upsert of {change.Id} carries no record.");
            ExpectValues(change.Record!.Values, entity.Create, $"{change.Id} in the feed");
        }

        var (again, _, _) = await ReadFeedAsync(client.App, entity.Name, end, PageSize, cancellationToken);
        var redelivered = again.Select(c => c.Id).Where(seeded.Contains).ToList();
        Require(redelivered.Count == 0, $"reading again from the cursor after them delivered {string.Join(", ", redelivered)} again.");
        if (entity.Deletes)
        {
            foreach (var id in seeded)
            {
                await WriteOneAsync(client.App, entity.Name, new AppWrite { Kind = AppWriteKind.Delete, Id = id, IdempotencyKey = Key("cleanup") }, cancellationToken);
            }
        }

        return $"{SeededForPaging} records added app-side came in {pages} pages of at most {PageSize}, with their values; reading on from the end delivered none again.";
    }

    /// <summary>Reads from <paramref name="cursor"/> until a page is empty; each page must hold at most <paramref name="pageSize"/> changes.</summary>
    private static async Task<(List<AppChange> Changes, string? Cursor, int Pages)> ReadFeedAsync(IAppClient app, string entity, string? cursor, int pageSize, CancellationToken cancellationToken)
    {
        var changes = new List<AppChange>();
        for (var pages = 0; pages < 10_000; pages++)
        {
            var page = await app.GetChangesAsync(entity, cursor, pageSize, cancellationToken);
            Require(page.Changes.Count <= pageSize, $"a page asked for at most {pageSize} changes held {page.Changes.Count}.");
            if (page.Changes.Count == 0)
            {
                Require(page.Cursor == cursor, $"an empty page moved the cursor from '{cursor}' to '{page.Cursor}'; an empty page must keep it.");
                return (changes, cursor, pages);
            }

            changes.AddRange(page.Changes);
            cursor = page.Cursor;
        }

        throw new CheckFailedException($"the feed of {entity} did not end after 10000 pages.");
    }

    private async Task<string> CreateAsync(IAppClient app, ConformanceEntity entity, CancellationToken cancellationToken)
    {
        var created = await WriteOneAsync(app, entity.Name, new AppWrite { Kind = AppWriteKind.Create, Values = entity.Create, IdempotencyKey = Key("create") }, cancellationToken);
        Require(!string.IsNullOrEmpty(created.Id), "a create succeeded without the new record's id.");
        return created.Id!;
    }

    private async Task<AppWriteResult> WriteOneAsync(IAppClient app, string entity, AppWrite write, CancellationToken cancellationToken)
    {
        var results = await app.WriteAsync(entity, [write], cancellationToken);
        Require(results.Count == 1, $"one {write.Kind} write got {results.Count} results; there must be one per write.");
        if (results[0].Error is { } error)
        {
            _messages.Add(error.Message);
            throw new CheckFailedException($"the {write.Kind} of {write.Id ?? "a new record"} failed ({error.Kind}, {error.Code}): {error.Message}");
        }

        return results[0];
    }

    private static async Task ExpectValuesAsync(IAppClient app, string entity, string id, IReadOnlyDictionary<string, object?> expected, string when, CancellationToken cancellationToken)
    {
        var record = await app.GetAsync(entity, id, cancellationToken);
        Require(record is not null, $"{id} cannot be read {when}.");
        Require(record!.Id == id, $"reading {id} answered record '{record.Id}'.");
        ExpectValues(record.Values, expected, $"{id} {when}");
    }

    private static void ExpectValues(IReadOnlyDictionary<string, object?> actual, IReadOnlyDictionary<string, object?> expected, string what)
    {
        var wrong = expected
            .Where(e => !actual.TryGetValue(e.Key, out var value) || !ConformanceValues.Same(e.Value, value))
            .Select(e => $"{e.Key} = {ConformanceValues.Show(actual.GetValueOrDefault(e.Key))} (expected {ConformanceValues.Show(e.Value)})")
            .ToList();
        Require(wrong.Count == 0, $"{what}: {string.Join("; ", wrong)}.");
    }

    private static string Key(string what) => $"conformance-{what}-{Guid.NewGuid():N}";
}
