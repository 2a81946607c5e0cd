using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Platform.Grains.Events;
using Platform.Grains.Pairs;
using Platform.Grains.Telemetry;
using Platform.Salesforce;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <summary>
/// One sync cycle of one mapping: recover and retry what is due, read the Salesforce feed from the keyset watermark
/// (with an overlap window) and its deletes, read the app feed from its cursor, then create counterparts for records
/// that matched nothing. Pairs decide; this class reads, resolves record ids to pairs, and sends their writes in
/// batches. Watermarks advance only after a batch's pairs have saved their observations.
/// </summary>
internal sealed partial class SyncCycle(
    IGrainFactory grains,
    IPairStore store,
    ISyncLog log,
    SyncEventHub events,
    SyncMetrics metrics,
    SalesforceClient salesforce,
    IAppClient app,
    SyncEngineOptions options,
    TimeProvider time,
    ILogger logger)
{
    private static readonly string[] AuditFields = ["Id", "SystemModstamp", "CreatedDate"];

    private readonly WriteDispatcher _dispatcher = new(salesforce, app, options);
    private CycleReport _report = new();
    private HashSet<string>? _touched;
    private DateTimeOffset _reportedAt = time.GetUtcNow();

    /// <summary>Set when work must stop: Salesforce's budget spent or either side refused the credentials.</summary>
    public Exception? Stopped => _dispatcher.Stopped;

    public CycleReport Report => _report;

    public required Func<Task> SaveCursorsAsync { get; init; }

    public DateTimeOffset? ActiveSince { get; init; }

    /// <summary>Records paired by a create during this integration cycle, per mapping (shared by the cycle's mappings).</summary>
    public LinkedRecords Linked { get; init; } = new();

    /// <summary>Retry every retryable failed write now, not when its backoff ends (after a budget pause: they failed together, not one by one).</summary>
    public bool RetryAllFailed { get; init; }

    /// <summary>Read both feeds and record what they hold, but decide and write nothing (an integration in matching).</summary>
    public bool ObserveOnly { get; init; }

    private PlanMode FeedMode => ObserveOnly || ActiveSince is not null ? PlanMode.ObserveOnly : PlanMode.Updates;

    private PlanMode DeleteMode => ObserveOnly ? PlanMode.ObserveOnly : PlanMode.Updates;

    public async Task RunAsync(MappingRules rules, MappingCursor cursor, bool recover, CancellationToken cancellationToken)
    {
        if (recover)
        {
            await RecoverAsync(rules, cursor, cancellationToken);
        }

        if (!ObserveOnly)
        {
            await RetryDueAsync(rules, cancellationToken);
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        if (rules.Direction != Direction.None)
        {
            var readSince = cursor.SalesforceModstamp;
            await ReadSalesforceAsync(rules, cursor, candidates, cancellationToken);
            await ReadParentChangesAsync(rules, cursor, candidates, cancellationToken);
            if (readSince is { } since)
            {
                await ReadChildrenOfNewlyLinkedAsync(rules, since - options.OverlapWindow, candidates, cancellationToken);
            }

            if (recover && !ObserveOnly)
            {
                await ForEachPairAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, NeedsAttentionOnly = true }, (pair, _) => pair.ResendUnconfirmedCreatesAsync(), cancellationToken);
            }

            await ReadSalesforceDeletesAsync(rules, cursor, cancellationToken);
            await ReadAppAsync(rules, cursor, candidates, cancellationToken);
        }

        if (candidates.Count > 0 && !ObserveOnly)
        {
            cursor.CreatesPending = true;
            await SaveCursorsAsync();
            await CreateAsync(rules, candidates, cancellationToken);
            cursor.CreatesPending = false;
            await SaveCursorsAsync();
        }
    }

    /// <summary>
    /// Syncs chosen pairs now (a touch): records the touch (so activity-aware cycles keep syncing them), reads fresh values
    /// from both sides, then plans with creates allowed. App ids without a pair are fetched and paired first.
    /// </summary>
    public async Task SyncPairsAsync(MappingRules rules, IReadOnlyList<string> pairIds, IReadOnlyList<string> appIds, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        foreach (var id in pairIds)
        {
            pending[PairKey.Of(rules.IntegrationId, rules.Name, id)] = [];
        }

        var fetched = new List<Observation>();
        foreach (var appId in appIds)
        {
            if (await app.GetAsync(rules.Config.Entity, appId, cancellationToken) is { } record)
            {
                fetched.Add(FromApp(rules, new AppChange { Id = appId, Kind = AppChangeKind.Upserted, Record = record }));
            }
        }

        await TranslateReferencesAsync(rules, Side.App, fetched, cancellationToken);
        var resolved = await ResolveAsync(rules, Side.App, fetched, cancellationToken);
        foreach (var observation in fetched)
        {
            (pending.TryGetValue(resolved[observation.Id], out var list) ? list : pending[resolved[observation.Id]] = []).Add(observation);
        }

        var now = time.GetUtcNow();
        foreach (var (key, observations) in pending)
        {
            var pair = grains.GetGrain<IPairGrain>(key);
            await pair.TouchAsync(now);
            var state = await pair.GetAsync();
            var read = new List<Observation>(2);
            if (state?.SalesforceId is { } salesforceId && await ReadOneAsync(rules, salesforceId, cancellationToken) is { } record)
            {
                read.Add(FromSalesforce(rules, record));
            }

            if (state?.AppId is { } appId && !observations.Exists(o => o.Side == Side.App)
                && await app.GetAsync(rules.Config.Entity, appId, cancellationToken) is { } appRecord)
            {
                read.Add(FromApp(rules, new AppChange { Id = appId, Kind = AppChangeKind.Upserted, Record = appRecord }));
            }

            await TranslateReferencesAsync(rules, Side.Salesforce, read, cancellationToken);
            await TranslateReferencesAsync(rules, Side.App, read, cancellationToken);
            observations.AddRange(read);
            var result = observations.Count > 0 ? await pair.ObserveAsync(observations, PlanMode.UpdatesAndCreates) : await pair.PlanAsync(PlanMode.UpdatesAndCreates);
            _report = _report with { RecordsRead = _report.RecordsRead + observations.Count };
            await SendAsync(rules, [result], cancellationToken);
        }
    }

    /// <summary>One record by SOQL rather than the sObject resource, whose <c>fields</c> cannot follow relationships (<c>Owner.Name</c>).</summary>
    private async Task<SalesforceRecord?> ReadOneAsync(MappingRules rules, string id, CancellationToken cancellationToken)
    {
        var fields = SelectList(rules);
        await foreach (var record in salesforce.ReadAsync(Soql.Format($"SELECT {fields} FROM {SoqlIdentifier.Of(rules.Config.SalesforceObject)} WHERE Id = {id}"), cancellationToken: cancellationToken))
        {
            return record;
        }

        return null;
    }

    private static SoqlIdentifier SelectList(MappingRules rules, params string[] extra) =>
        SoqlIdentifier.List(AuditFields.Concat(rules.SalesforceFields.Where(f => !AuditFields.Contains(f))).Concat(extra));

    /// <summary>Sends the planned writes, confirms them with their pairs and logs them.</summary>
    /// <returns>The keys of the pairs whose record was created in Salesforce.</returns>
    public async Task<IReadOnlyList<string>> SendAsync(MappingRules rules, IReadOnlyList<PairResult> results, CancellationToken cancellationToken)
    {
        var createdInSalesforce = new List<string>();
        var logEntries = results.SelectMany(r => r.Log).ToList();
        _report = _report with { Conflicts = _report.Conflicts + logEntries.Count(e => e.Operation == "conflict") };
        foreach (var conflict in logEntries.Where(e => e.Operation == "conflict"))
        {
            events.Publish(new SyncEvent(conflict.At, rules.IntegrationId, SyncEventKind.Conflict, conflict.Message, conflict.PairId));
        }

        var writes = results.SelectMany(r => r.Writes).ToArray();
        if (writes.Length > 0)
        {
            var outcomes = await _dispatcher.SendAsync(rules, writes, cancellationToken);
            var confirmations = await Task.WhenAll(outcomes
                .GroupBy(o => o.Write.PairKey, StringComparer.Ordinal)
                .Select(g => grains.GetGrain<IPairGrain>(g.Key).ConfirmAsync([.. g.Select(o => o.Outcome)])));
            foreach (var entry in confirmations.SelectMany(c => c))
            {
                logEntries.Add(entry);
                if (entry is { Operation: "create", State: "succeeded", SalesforceId: { } salesforceId })
                {
                    Linked.Add(rules.Name, salesforceId);
                    if (entry.Target == Side.Salesforce)
                    {
                        createdInSalesforce.Add(PairKey.Of(rules.IntegrationId, rules.Name, entry.PairId!));
                    }
                }

                if (entry.State == "failed")
                {
                    events.Publish(new SyncEvent(entry.At, rules.IntegrationId, SyncEventKind.Failure, $"{entry.Message}: {entry.Error}", entry.PairId));
                }
            }

            var succeeded = outcomes.Where(o => o.Outcome.Succeeded).ToArray();
            var confirmedAt = time.GetUtcNow();
            foreach (var confirmed in succeeded)
            {
                metrics.WriteConfirmed(rules.IntegrationId, confirmed.Write.Entry.Target == Side.Salesforce ? "salesforce" : "app", confirmedAt - confirmed.Write.Entry.CreatedAt);
            }

            _report = _report with
            {
                WritesToSalesforce = _report.WritesToSalesforce + succeeded.Count(o => o.Write.Entry.Target == Side.Salesforce),
                WritesToApp = _report.WritesToApp + succeeded.Count(o => o.Write.Entry.Target == Side.App),
                Failures = _report.Failures + outcomes.Count - succeeded.Length,
            };
        }

        foreach (var review in logEntries.Where(e => e.State == "needsreview"))
        {
            events.Publish(new SyncEvent(review.At, rules.IntegrationId, SyncEventKind.Review, review.Message, review.PairId));
        }

        await log.AppendAsync(logEntries, cancellationToken);
        if (Stopped is { } stopped)
        {
            throw stopped;
        }

        ReportProgress(rules);
        return createdInSalesforce;
    }

    /// <summary>Tells watchers how far a long cycle has come (an import, an initial sync), at most once per <see cref="SyncEngineOptions.ProgressInterval"/>.</summary>
    private void ReportProgress(MappingRules rules)
    {
        var now = time.GetUtcNow();
        if (now - _reportedAt < options.ProgressInterval)
        {
            return;
        }

        _reportedAt = now;
        events.Publish(new SyncEvent(now, rules.IntegrationId, SyncEventKind.Progress,
            $"{rules.Name}: {_report.RecordsRead} read, {_report.WritesToSalesforce} written to Salesforce, {_report.WritesToApp} to the app so far.", Count: _report.RecordsRead));
    }

    private async Task RecoverAsync(MappingRules rules, MappingCursor cursor, CancellationToken cancellationToken)
    {
        await ForEachPairAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, OpenWritesOnly = true }, (pair, _) => pair.RecoverAsync(), cancellationToken);
        if (cursor.CreatesPending)
        {
            await ForEachPairAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, UnpairedOnly = true }, (pair, _) => pair.PlanAsync(PlanMode.UpdatesAndCreates), cancellationToken);
            cursor.CreatesPending = false;
            await SaveCursorsAsync();
        }
    }

    private Task RetryDueAsync(MappingRules rules, CancellationToken cancellationToken) =>
        ForEachPairAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, RetryDueBy = RetryAllFailed ? DateTimeOffset.MaxValue : time.GetUtcNow() }, (pair, _) => pair.PlanAsync(PlanMode.UpdatesAndCreates), cancellationToken);

    /// <summary>Pages through the mapping's pairs that match <paramref name="query"/>, asks each pair grain, and sends what they planned.</summary>
    private async Task ForEachPairAsync(MappingRules rules, PairQuery query, Func<IPairGrain, PairSummary, Task<PairResult>> ask, CancellationToken cancellationToken)
    {
        await foreach (var page in PagesAsync(rules, query, cancellationToken))
        {
            var results = await Task.WhenAll(page.Select(p => ask(grains.GetGrain<IPairGrain>(PairKey.Of(p.IntegrationId, p.Mapping, p.PairId)), p)));
            await SendAsync(rules, results, cancellationToken);
        }
    }

    /// <summary>The mapping's pairs that match <paramref name="query"/>, a page at a time (keyset paging on the pair id).</summary>
    private async IAsyncEnumerable<IReadOnlyList<PairSummary>> PagesAsync(MappingRules rules, PairQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        query = query with { Mapping = rules.Name, Limit = options.SalesforcePageSize };
        while (true)
        {
            var page = await store.ListAsync(query, cancellationToken);
            if (page.Count > 0)
            {
                yield return page;
            }

            if (page.Count < query.Limit)
            {
                yield break;
            }

            query = query with { After = page[^1].PairId };
        }
    }

    private async Task ReadSalesforceAsync(MappingRules rules, MappingCursor cursor, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        var fields = SelectList(rules);
        var objectName = SoqlIdentifier.Of(rules.Config.SalesforceObject);
        var soql = cursor.SalesforceModstamp is { } since
            ? Soql.Format($"SELECT {fields} FROM {objectName} WHERE SystemModstamp >= {since - options.OverlapWindow} ORDER BY SystemModstamp, Id")
            : Soql.Format($"SELECT {fields} FROM {objectName} ORDER BY SystemModstamp, Id");
        await foreach (var batch in salesforce.ReadBatchesAsync(soql, options.SalesforcePageSize, cancellationToken))
        {
            await SalesforceBatchAsync(rules, cursor, batch, candidates, cancellationToken);
        }

        cursor.DeletesThrough ??= time.GetUtcNow();
    }

    /// <summary>
    /// Re-reads the records whose parents (through the mapped relationship paths) changed since the last cycle: one
    /// Opportunity's new Amount reaches every record that reads <c>Opportunity__r.Amount</c>. Each path keeps its own
    /// watermark on the parent's SystemModstamp, with the same overlap window; a new path starts from now, because the
    /// mapping's own read has just seen every record's current values.
    /// </summary>
    private async Task ReadParentChangesAsync(MappingRules rules, MappingCursor cursor, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        foreach (var path in rules.ParentPaths)
        {
            if (!cursor.ParentModstamps.TryGetValue(path, out var since))
            {
                cursor.ParentModstamps[path] = time.GetUtcNow();
                continue;
            }

            var stamp = $"{path}.SystemModstamp";
            var soql = Soql.Format($"SELECT {SelectList(rules, stamp)} FROM {SoqlIdentifier.Of(rules.Config.SalesforceObject)} WHERE {SoqlIdentifier.Of(stamp)} >= {since - options.OverlapWindow} ORDER BY {SoqlIdentifier.Of(stamp)}, Id");
            await foreach (var batch in salesforce.ReadBatchesAsync(soql, options.SalesforcePageSize, cancellationToken))
            {
                _report = _report with { RecordsRead = _report.RecordsRead + batch.Count };
                await ObserveAsync(rules, Side.Salesforce, [.. batch.Select(r => FromSalesforce(rules, r))], candidates, cancellationToken);
                if (batch[^1][stamp] is DateTimeOffset last && last > since)
                {
                    cursor.ParentModstamps[path] = since = last;
                    await SaveCursorsAsync();
                }
            }
        }
    }

    private async Task SalesforceBatchAsync(MappingRules rules, MappingCursor cursor, IReadOnlyList<SalesforceRecord> batch, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        _report = _report with { RecordsRead = _report.RecordsRead + batch.Count };
        // Records re-read inside the overlap window are observed again: SystemModstamp has whole-second precision, so an
        // equal stamp does not prove an unchanged record; the pair compares values and does nothing when they are equal.
        var observations = batch.Select(r => FromSalesforce(rules, r)).ToArray();
        await ObserveAsync(rules, Side.Salesforce, [.. observations], candidates, cancellationToken);
        var last = batch[^1];
        cursor.SalesforceModstamp = Modstamp(last);
        cursor.SalesforceLastId = last.Id;

        await SaveCursorsAsync();
    }

    private async Task ReadSalesforceDeletesAsync(MappingRules rules, MappingCursor cursor, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (cursor.DeletesThrough is not { } start || now - start < TimeSpan.FromMinutes(1))
        {
            return;
        }

        var deleted = await salesforce.GetDeletedAsync(rules.Config.SalesforceObject, start, now, cancellationToken);
        if (deleted.RequiresFullResync)
        {
            LogDeleteLogGap(logger, rules.IntegrationId, rules.Name, start, deleted.EarliestDateAvailable);
            await log.AppendAsync([new SyncLogEntry
            {
                At = now,
                IntegrationId = rules.IntegrationId,
                Mapping = rules.Name,
                Operation = "deletes",
                State = "gap",
                Message = $"Salesforce's delete log only reaches back to {deleted.EarliestDateAvailable:O}; deletes before it were found by comparing every record id.",
            }], cancellationToken);
            await FullDeleteDiffAsync(rules, cancellationToken);
        }
        else if (deleted.Records.Count > 0)
        {
            var pairs = await store.FindByRecordIdsAsync(rules.IntegrationId, rules.Name, Side.Salesforce, [.. deleted.Records.Select(r => r.Id)], cancellationToken);
            var results = await Task.WhenAll(deleted.Records.Where(r => pairs.ContainsKey(r.Id)).Select(r =>
                grains.GetGrain<IPairGrain>(PairKey.Of(rules.IntegrationId, rules.Name, pairs[r.Id]))
                    .ObserveAsync([new Observation { Side = Side.Salesforce, Id = r.Id, Deleted = true, ModifiedAt = r.DeletedDate }], DeleteMode)));
            await SendAsync(rules, results, cancellationToken);
        }

        cursor.DeletesThrough = deleted.LatestDateCovered;
        await SaveCursorsAsync();
    }

    /// <summary>The delete log no longer reaches back: every paired Salesforce id that no longer exists was deleted.</summary>
    private async Task FullDeleteDiffAsync(MappingRules rules, CancellationToken cancellationToken)
    {
        var objectName = SoqlIdentifier.Of(rules.Config.SalesforceObject);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in salesforce.ReadAsync(Soql.Format($"SELECT Id FROM {objectName}"), new ReadOptions { BatchSize = 2000 }, cancellationToken))
        {
            existing.Add(record.Id);
        }

        var now = time.GetUtcNow();
        var deleted = new Observation { Side = Side.Salesforce, Id = "", Deleted = true, ModifiedAt = now };
        await ForEachPairAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, Status = PairStatus.Linked }, (pair, summary) =>
            summary.SalesforceId is { } id && !existing.Contains(id)
                ? pair.ObserveAsync([deleted with { Id = id }], DeleteMode)
                : Task.FromResult(PairResult.Empty), cancellationToken);
    }

    private async Task ReadAppAsync(MappingRules rules, MappingCursor cursor, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await app.GetChangesAsync(rules.Config.Entity, cursor.AppCursor, options.AppPageSize, cancellationToken);
            if (page.Changes.Count > 0)
            {
                _report = _report with { RecordsRead = _report.RecordsRead + page.Changes.Count };
                var latest = page.Changes.GroupBy(c => c.Id, StringComparer.Ordinal).Select(g => g.Last()).ToList();
                var active = ActiveSince is { } since
                    ? latest.Where(c => c.Record?.ActiveAt >= since).ToDictionary(c => c.Id, c => c.Record!.ActiveAt!.Value, StringComparer.Ordinal)
                    : null;
                await ObserveAsync(rules, Side.App, [.. latest.Select(c => FromApp(rules, c))], candidates, cancellationToken, active);
            }

            var moved = page.Cursor != cursor.AppCursor;
            cursor.AppCursor = page.Cursor;
            if (moved)
            {
                await SaveCursorsAsync();
            }

            if (!page.HasMore || page.Changes.Count == 0)
            {
                return;
            }
        }
    }

    private async Task CreateAsync(MappingRules rules, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        foreach (var chunk in candidates.Chunk(options.CreateBatchSize))
        {
            var results = await Task.WhenAll(chunk.Select(k => grains.GetGrain<IPairGrain>(k).PlanAsync(PlanMode.UpdatesAndCreates)));
            var created = await SendAsync(rules, results, cancellationToken);
            if (rules.Config.Match.SalesforceIdAppField is not null && created.Count > 0)
            {
                // A record created in Salesforce from the app gets the new id in its pairing field now, not a cycle later.
                await SendAsync(rules, await Task.WhenAll(created.Select(k => grains.GetGrain<IPairGrain>(k).PlanAsync(PlanMode.Updates))), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Records that reference another mapping's records (contacts of accounts) and waited because theirs was not paired:
    /// once this cycle paired it, they are read again, except those changed since <paramref name="before"/>, which the
    /// feed read just brought.
    /// </summary>
    private async Task ReadChildrenOfNewlyLinkedAsync(MappingRules rules, DateTimeOffset before, HashSet<string> candidates, CancellationToken cancellationToken)
    {
        var objectName = SoqlIdentifier.Of(rules.Config.SalesforceObject);
        foreach (var reference in rules.References)
        {
            var field = SoqlIdentifier.Of(reference.SalesforceField);
            foreach (var parents in Linked.Of(reference.ReferenceMapping!).Chunk(200))
            {
                var batch = new List<Observation>();
                await foreach (var record in salesforce.ReadAsync(Soql.Format($"SELECT {SelectList(rules)} FROM {objectName} WHERE {field} IN {parents} AND SystemModstamp < {before}"), cancellationToken: cancellationToken))
                {
                    batch.Add(FromSalesforce(rules, record));
                }

                _report = _report with { RecordsRead = _report.RecordsRead + batch.Count };
                await ObserveAsync(rules, Side.Salesforce, batch, candidates, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Hands observations to their pairs and plans the writes: every pair outside activity-aware mode, else the pairs
    /// touched lately, which include <paramref name="activeAt"/> (app records a user worked on within the window, by id).
    /// </summary>
    private async Task ObserveAsync(MappingRules rules, Side side, List<Observation> observations, HashSet<string> candidates, CancellationToken cancellationToken, Dictionary<string, DateTimeOffset>? activeAt = null)
    {
        if (observations.Count == 0)
        {
            return;
        }

        await TranslateReferencesAsync(rules, side, observations, cancellationToken);
        var keys = await ResolveAsync(rules, side, observations, cancellationToken);
        var mode = FeedMode;
        var results = await Task.WhenAll(observations.Select(o => grains.GetGrain<IPairGrain>(keys[o.Id]).ObserveAsync([o], mode)));
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Rejected)
            {
                // The matched pair already holds another record: this one gets a pair of its own.
                var key = PairKey.Of(rules.IntegrationId, rules.Name, PairKey.NewPairId());
                keys[observations[i].Id] = key;
                results[i] = await grains.GetGrain<IPairGrain>(key).ObserveAsync([observations[i]], mode);
            }

            if (results[i].Unpaired && ActiveSince is null)
            {
                candidates.Add(keys[observations[i].Id]);
            }
        }

        if (ActiveSince is { } since && !ObserveOnly)
        {
            // Activity-aware: only pairs touched lately are planned on interval cycles.
            var touched = await TouchedAsync(rules, since, cancellationToken);
            foreach (var (id, at) in activeAt ?? [])
            {
                await grains.GetGrain<IPairGrain>(keys[id]).TouchAsync(at);
                touched.Add(keys[id]);
            }

            var active = keys.Values.Where(touched.Contains).Distinct(StringComparer.Ordinal).ToArray();
            results = await Task.WhenAll(active.Select(k => grains.GetGrain<IPairGrain>(k).PlanAsync(PlanMode.UpdatesAndCreates)));
        }

        await SendAsync(rules, results, cancellationToken);
    }

    /// <summary>
    /// The keys of the pairs touched since <paramref name="since"/>, read once per cycle (touches arrive through the
    /// integration grain, which runs one call at a time, so none can land during the cycle).
    /// </summary>
    private async Task<HashSet<string>> TouchedAsync(MappingRules rules, DateTimeOffset since, CancellationToken cancellationToken)
    {
        if (_touched is not null)
        {
            return _touched;
        }

        var touched = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in PagesAsync(rules, new PairQuery { IntegrationId = rules.IntegrationId, TouchedSince = since }, cancellationToken))
        {
            touched.UnionWith(page.Select(p => PairKey.Of(p.IntegrationId, p.Mapping, p.PairId)));
        }

        return _touched = touched;
    }

    /// <summary>
    /// Rewrites reference fields (e.g. a contact's AccountId) as <see cref="ReferenceValue"/>s: the referenced record's ids
    /// on both sides, looked up in the referenced mapping's linked pairs, so both sides' values compare and write across.
    /// </summary>
    private async Task TranslateReferencesAsync(MappingRules rules, Side side, List<Observation> observations, CancellationToken cancellationToken)
    {
        foreach (var reference in rules.References)
        {
            var field = side == Side.App ? reference.AppField : reference.SalesforceField;
            var ids = observations.Where(o => o.Side == side && !o.Deleted).Select(o => o.Values.GetValueOrDefault(field)).OfType<string>().Where(id => id.Length > 0).ToArray();
            var counterparts = ids.Length == 0
                ? new Dictionary<string, string>()
                : await store.FindCounterpartsAsync(rules.IntegrationId, reference.ReferenceMapping!, side, ids, cancellationToken);
            for (var i = 0; i < observations.Count; i++)
            {
                var observation = observations[i];
                if (observation.Side != side || observation.Values.GetValueOrDefault(field) is not { Length: > 0 } id)
                {
                    continue;
                }

                var other = counterparts.GetValueOrDefault(id);
                var values = new Dictionary<string, string?>(observation.Values, StringComparer.Ordinal)
                {
                    [field] = side == Side.App ? ReferenceValue.Of(id, other) : ReferenceValue.Of(other, id),
                };
                observations[i] = observation with { Values = values };
            }
        }
    }

    /// <summary>Finds the pair for each observed record: by record id, then external id or stored Salesforce id, then match key; otherwise a new pair.</summary>
    private async Task<Dictionary<string, string>> ResolveAsync(MappingRules rules, Side side, List<Observation> observations, CancellationToken cancellationToken)
    {
        var integration = rules.IntegrationId;
        var mapping = rules.Name;
        var other = side == Side.App ? Side.Salesforce : Side.App;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var byId = await store.FindByRecordIdsAsync(integration, mapping, side, [.. observations.Select(o => o.Id)], cancellationToken);
        var unknown = new List<Observation>();
        foreach (var observation in observations)
        {
            if (byId.TryGetValue(observation.Id, out var pairId))
            {
                keys[observation.Id] = PairKey.Of(integration, mapping, pairId);
            }
            else
            {
                unknown.Add(observation);
            }
        }

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var linkField = side == Side.Salesforce ? rules.Config.Match.ExternalIdField : rules.Config.Match.SalesforceIdAppField;
        if (linkField is not null && unknown.Count > 0)
        {
            var linked = unknown.Select(o => (o, Id: o.Values.GetValueOrDefault(linkField))).Where(x => x.Id is not null).ToArray();
            var found = await store.FindByRecordIdsAsync(integration, mapping, other, [.. linked.Select(x => x.Id!)], cancellationToken);
            foreach (var (observation, id) in linked)
            {
                if (found.TryGetValue(id!, out var pairId) && claimed.Add(pairId))
                {
                    keys[observation.Id] = PairKey.Of(integration, mapping, pairId);
                }
            }
        }

        var keyed = unknown.Where(o => !keys.ContainsKey(o.Id)).Select(o => (o, Key: rules.MatchKey(side, o.Values))).Where(x => x.Key is not null).ToArray();
        if (keyed.Length > 0)
        {
            var found = await store.FindUnpairedByMatchKeysAsync(integration, mapping, other, [.. keyed.Select(x => x.Key!)], cancellationToken);
            foreach (var (observation, key) in keyed)
            {
                if (found.TryGetValue(key!, out var pairId) && claimed.Add(pairId))
                {
                    keys[observation.Id] = PairKey.Of(integration, mapping, pairId);
                }
            }
        }

        foreach (var observation in unknown.Where(o => !keys.ContainsKey(o.Id)))
        {
            keys[observation.Id] = PairKey.Of(integration, mapping, PairKey.NewPairId());
        }

        return keys;
    }

    private static Observation FromSalesforce(MappingRules rules, SalesforceRecord record)
    {
        var values = new Dictionary<string, string?>(rules.SalesforceFields.Count, StringComparer.Ordinal);
        foreach (var field in rules.SalesforceFields)
        {
            if (record.Values.TryGetValue(field, out var value))
            {
                values[field] = Canonical.From(value);
            }
        }

        return new Observation { Side = Side.Salesforce, Id = record.Id, Values = values, ModifiedAt = Modstamp(record), CreatedAt = Time(record, "CreatedDate") };
    }

    private static Observation FromApp(MappingRules rules, AppChange change)
    {
        if (change.Kind == AppChangeKind.Deleted || change.Record is null)
        {
            return new Observation { Side = Side.App, Id = change.Id, Deleted = true, ModifiedAt = change.OccurredAt };
        }

        var values = new Dictionary<string, string?>(rules.AppFields.Count, StringComparer.Ordinal);
        foreach (var field in rules.AppFields)
        {
            if (change.Record.Values.TryGetValue(field, out var value))
            {
                values[field] = Canonical.From(value);
            }
        }

        return new Observation { Side = Side.App, Id = change.Id, Values = values, ModifiedAt = change.Record.ModifiedAt ?? change.OccurredAt };
    }

    private static DateTimeOffset Modstamp(SalesforceRecord record) => Time(record, "SystemModstamp") ?? DateTimeOffset.MinValue;

    private static DateTimeOffset? Time(SalesforceRecord record, string field) =>
        record.Values.GetValueOrDefault(field) switch
        {
            DateTimeOffset at => at,
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture),
            _ => null,
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {IntegrationId} mapping {Mapping}: Salesforce's delete log starts at {Earliest}, after the last read ({Start}); comparing every record id instead")]
    private static partial void LogDeleteLogGap(ILogger logger, string integrationId, string mapping, DateTimeOffset start, DateTimeOffset earliest);
}
