using Platform.Grains.Pairs;
using Platform.Salesforce;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <summary>
/// Sends planned writes in as few calls as possible: Salesforce writes of a kind gathered into Collections calls of 200,
/// or into Bulk API 2.0 jobs when there are more than <see cref="SyncEngineOptions.BulkWriteThreshold"/>; creates as
/// upserts on the external id when the mapping has one; app writes in batches of 200. Returns one outcome per write; a
/// whole-call failure becomes a failure of each write.
/// </summary>
internal sealed class WriteDispatcher(SalesforceClient salesforce, IAppClient app, SyncEngineOptions options)
{
    public const int AppBatchSize = 200;

    /// <summary>Records per Salesforce call: sObject Collections take at most 200.</summary>
    public const int CollectionsCallSize = 200;

    /// <summary>Set when Salesforce refused work because the budget is spent or the credentials failed.</summary>
    public SalesforceException? SalesforceStopped { get; private set; }

    /// <summary>Set when the app refused the connector's credentials: its later writes would be refused too.</summary>
    public ConnectorException? AppStopped { get; private set; }

    /// <summary>Why the cycle must end (Salesforce first), or null.</summary>
    public Exception? Stopped => (Exception?)SalesforceStopped ?? AppStopped;

    public async Task<IReadOnlyList<(PlannedWrite Write, WriteOutcome Outcome)>> SendAsync(MappingRules rules, IReadOnlyList<PlannedWrite> writes, CancellationToken cancellationToken)
    {
        var outcomes = new List<(PlannedWrite, WriteOutcome)>(writes.Count);
        var toSalesforce = writes.Where(w => w.Entry.Target == Side.Salesforce).ToArray();
        foreach (var group in toSalesforce.GroupBy(w => w.Entry.Kind))
        {
            outcomes.AddRange(await SendToSalesforceAsync(rules, group.Key, [.. group], cancellationToken));
        }

        foreach (var chunk in writes.Where(w => w.Entry.Target == Side.App).Chunk(AppBatchSize))
        {
            outcomes.AddRange(await SendToAppAsync(rules, chunk, cancellationToken));
        }

        return outcomes;
    }

    private async Task<IEnumerable<(PlannedWrite, WriteOutcome)>> SendToSalesforceAsync(MappingRules rules, WriteKind kind, PlannedWrite[] writes, CancellationToken cancellationToken)
    {
        var failed = new List<(PlannedWrite, WriteOutcome)>();
        var ready = new List<(PlannedWrite Write, IReadOnlyDictionary<string, object?> Values)>(writes.Length);
        foreach (var write in writes)
        {
            try
            {
                ready.Add((write, kind == WriteKind.Delete ? new Dictionary<string, object?>() : ToSalesforce(rules, write.Entry.Values)));
            }
            catch (FormatException e)
            {
                failed.Add((write, WriteOutcome.Failure(write.Entry.Sequence, e.Message, "INVALID_VALUE", retryable: false)));
            }
        }

        // One call (or job) per chunk, so a call that fails (or the budget running out half-way) costs only its own
        // records: the chunks before it keep their results, and the chunks after it are not sent and safe to retry.
        // Past the threshold a Bulk job costs about five calls per job instead of one per 200 records.
        var bulk = ready.Count > options.BulkWriteThreshold;
        var mode = new WriteOptions { Mode = bulk ? WriteMode.Bulk : WriteMode.Collections };
        var outcomes = failed;
        foreach (var chunk in ready.Chunk(bulk ? options.BulkJobSize : CollectionsCallSize))
        {
            if (SalesforceStopped is { } stopped)
            {
                outcomes.AddRange(chunk.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, stopped.Message, stopped.ErrorCode, retryable: true))));
                continue;
            }

            outcomes.AddRange(await SendChunkAsync(rules, kind, chunk, mode, cancellationToken));
        }

        return outcomes;
    }

    private async Task<IEnumerable<(PlannedWrite, WriteOutcome)>> SendChunkAsync(
        MappingRules rules, WriteKind kind, (PlannedWrite Write, IReadOnlyDictionary<string, object?> Values)[] chunk, WriteOptions mode, CancellationToken cancellationToken)
    {
        var objectName = rules.Config.SalesforceObject;
        IReadOnlyList<SaveResult> results;
        try
        {
            results = kind switch
            {
                WriteKind.Create when rules.Config.Match.ExternalIdField is { } externalId =>
                    await salesforce.UpsertManyAsync(objectName, externalId, [.. chunk.Select(r => r.Values)], mode, cancellationToken),
                WriteKind.Create => await salesforce.CreateManyAsync(objectName, [.. chunk.Select(r => r.Values)], mode, cancellationToken),
                WriteKind.Update => await salesforce.UpdateManyAsync(objectName, [.. chunk.Select(r => new RecordWrite(r.Write.SalesforceId, r.Values))], mode, cancellationToken),
                _ => await salesforce.DeleteManyAsync(objectName, [.. chunk.Select(r => r.Write.SalesforceId!)], mode, cancellationToken),
            };
        }
        catch (SalesforceException e)
        {
            if (e.Kind is SalesforceErrorKind.Budget or SalesforceErrorKind.Authentication)
            {
                SalesforceStopped = e;
            }

            if (e.OutcomeUnknown && kind == WriteKind.Create && rules.Config.Match.ExternalIdField is null)
            {
                var unknown = $"{e.Message} The records may or may not exist: a record the feed shows with the same match key settles its create; otherwise link it or retry.";
                return chunk.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, unknown, PairEngine.OutcomeUnknown, retryable: false)));
            }

            return chunk.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, e.Message, e.ErrorCode, e.Kind != SalesforceErrorKind.Permanent)));
        }

        return chunk.Select((r, i) => (r.Write, Outcome(r.Write, results[i])));
    }

    private async Task<IEnumerable<(PlannedWrite, WriteOutcome)>> SendToAppAsync(MappingRules rules, PlannedWrite[] writes, CancellationToken cancellationToken)
    {
        var failed = new List<(PlannedWrite, WriteOutcome)>();
        var ready = new List<(PlannedWrite Write, AppWrite AppWrite)>(writes.Length);
        foreach (var write in writes)
        {
            try
            {
                ready.Add((write, new AppWrite
                {
                    Kind = write.Entry.Kind switch { WriteKind.Create => AppWriteKind.Create, WriteKind.Update => AppWriteKind.Update, _ => AppWriteKind.Delete },
                    Id = write.Entry.Kind == WriteKind.Create ? null : write.AppId,
                    Values = write.Entry.Kind == WriteKind.Delete ? new Dictionary<string, object?>() : ToApp(rules, write.Entry.Values),
                    IdempotencyKey = write.Entry.IdempotencyKey,
                }));
            }
            catch (FormatException e)
            {
                failed.Add((write, WriteOutcome.Failure(write.Entry.Sequence, e.Message, "INVALID_VALUE", retryable: false)));
            }
        }

        if (ready.Count == 0)
        {
            return failed;
        }

        if (AppStopped is { } stopped)
        {
            return failed.Concat(ready.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, stopped.Error.Message, stopped.Error.Code, retryable: true))));
        }

        IReadOnlyList<AppWriteResult> results;
        try
        {
            results = await app.WriteAsync(rules.Config.Entity, [.. ready.Select(r => r.AppWrite)], cancellationToken);
        }
        catch (ConnectorException e)
        {
            if (e.Error.Kind == ConnectorErrorKind.Unauthorized)
            {
                AppStopped = e;
            }

            return failed.Concat(ready.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, e.Error.Message, e.Error.Code, e.Error.Kind != ConnectorErrorKind.Permanent))));
        }
        catch (HttpRequestException e)
        {
            return failed.Concat(ready.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, e.Message, "UNREACHABLE", retryable: true))));
        }

        // A connector that reports refused credentials per record (rather than throwing) stops the app's writes alike.
        if (results.FirstOrDefault(r => r.Error is { Kind: ConnectorErrorKind.Unauthorized }) is { Error: { } refused })
        {
            AppStopped = new ConnectorException(refused);
        }

        if (results.Count != ready.Count)
        {
            return failed.Concat(ready.Select(r => (r.Write, WriteOutcome.Failure(r.Write.Entry.Sequence, $"The connector returned {results.Count} results for {ready.Count} writes.", "CONNECTOR_BUG", retryable: true))));
        }

        return failed.Concat(ready.Select((r, i) => (r.Write, results[i].Succeeded
            ? WriteOutcome.Success(r.Write.Entry.Sequence, results[i].Id ?? r.Write.AppId)
            : WriteOutcome.Failure(r.Write.Entry.Sequence, results[i].Error!.Message, results[i].Error!.Code, results[i].Error!.Kind != ConnectorErrorKind.Permanent))));
    }

    private static WriteOutcome Outcome(PlannedWrite write, SaveResult result)
    {
        if (result.Success)
        {
            return WriteOutcome.Success(write.Entry.Sequence, result.Id ?? write.SalesforceId);
        }

        var error = result.Errors.Count > 0 ? result.Errors[0] : new SalesforceError("UNKNOWN", "Salesforce gave no reason.", []);
        var message = error.Fields.Count > 0 ? $"{error.Message} (fields: {string.Join(", ", error.Fields)})" : error.Message;
        return WriteOutcome.Failure(write.Entry.Sequence, message, error.ErrorCode, result.ErrorKind is SalesforceErrorKind.Transient or SalesforceErrorKind.Budget);
    }

    private static Dictionary<string, object?> ToSalesforce(MappingRules rules, Dictionary<string, string?> values)
    {
        var typed = new Dictionary<string, object?>(values.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (field, value) in values)
        {
            typed[field] = rules.IsReference(Side.Salesforce, field)
                ? ReferenceValue.IdOn(Side.Salesforce, value)
                : Canonical.ToSalesforce(value, rules.SalesforceTypeOf(field));
        }

        return typed;
    }

    private static Dictionary<string, object?> ToApp(MappingRules rules, Dictionary<string, string?> values)
    {
        var typed = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        foreach (var (field, value) in values)
        {
            typed[field] = rules.IsReference(Side.App, field)
                ? ReferenceValue.IdOn(Side.App, value)
                : Canonical.ToApp(value, rules.AppTypeOf(field));
        }

        return typed;
    }
}
