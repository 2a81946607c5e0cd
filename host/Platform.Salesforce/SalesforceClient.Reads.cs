using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>Runs a query and streams every record, following <c>nextRecordsUrl</c> page by page.</summary>
    public async IAsyncEnumerable<SObjectRecord> QueryAsync(Soql soql, ReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        var page = await QueryPageAsync(soql, options.IncludeDeleted, options.BatchSize, cancellationToken);
        while (true)
        {
            foreach (var record in page.Records)
            {
                yield return record;
            }

            if (page.NextRecordsUrl is not { } next)
            {
                yield break;
            }

            page = await QueryMoreAsync(next, options.BatchSize, cancellationToken);
        }
    }

    /// <summary>The first page of a query.</summary>
    public Task<QueryPage> QueryPageAsync(Soql soql, bool includeDeleted = false, int? batchSize = null, CancellationToken cancellationToken = default) =>
        PageAsync($"{(includeDeleted ? "queryAll" : "query")}?q={Uri.EscapeDataString(soql.Text)}", batchSize, cancellationToken);

    /// <summary>The page at a <c>nextRecordsUrl</c>.</summary>
    public Task<QueryPage> QueryMoreAsync(string nextRecordsUrl, int? batchSize = null, CancellationToken cancellationToken = default) =>
        PageAsync(nextRecordsUrl, batchSize, cancellationToken);

    /// <summary>
    /// Streams records with typed values. Uses Bulk API 2.0 when <see cref="ReadOptions.ExpectedCount"/> exceeds the
    /// Bulk threshold (or <see cref="ReadOptions.UseBulk"/> says so), otherwise REST paging.
    /// </summary>
    public async IAsyncEnumerable<SalesforceRecord> ReadAsync(Soql soql, ReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ReadOptions();
        if (options.UseBulk ?? options.ExpectedCount > _options.BulkThreshold)
        {
            await foreach (var record in BulkQueryAsync(soql, options.IncludeDeleted, cancellationToken))
            {
                yield return record;
            }

            yield break;
        }

        await foreach (var record in QueryAsync(soql, options, cancellationToken))
        {
            yield return await _reader.ReadAsync(record, cancellationToken);
        }
    }

    /// <summary>Streams a query's records (REST paging, <paramref name="batchSize"/> a page) in lists of <paramref name="batchSize"/>, the last one shorter; no list is empty.</summary>
    public async IAsyncEnumerable<IReadOnlyList<SalesforceRecord>> ReadBatchesAsync(Soql soql, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var batch = new List<SalesforceRecord>(batchSize);
        await foreach (var record in ReadAsync(soql, new ReadOptions { BatchSize = batchSize }, cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == batchSize)
            {
                yield return batch;
                batch = new List<SalesforceRecord>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>Runs a <c>SELECT COUNT() …</c> query and returns the count.</summary>
    public async Task<int> CountAsync(Soql soql, bool includeDeleted = false, CancellationToken cancellationToken = default) =>
        (await QueryPageAsync(soql, includeDeleted, cancellationToken: cancellationToken)).TotalSize;

    /// <summary>Ids of records created or changed in a window (at most 30 days back); see <see cref="UpdatedRecords"/>.</summary>
    public async Task<UpdatedRecords> GetUpdatedAsync(string objectName, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync($"sobjects/{Uri.EscapeDataString(objectName)}/updated/?{Window(start, end)}", cancellationToken);
        return new UpdatedRecords(
            [.. body.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!)],
            ParseDate(body.GetProperty("latestDateCovered").GetString()!));
    }

    /// <summary>
    /// Records deleted in a window, from the org's delete log. When the log no longer reaches back to
    /// <paramref name="start"/>, <see cref="DeletedRecords.RequiresFullResync"/> says a full comparison is needed.
    /// </summary>
    public async Task<DeletedRecords> GetDeletedAsync(string objectName, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync($"sobjects/{Uri.EscapeDataString(objectName)}/deleted/?{Window(start, end)}", cancellationToken);
        var earliest = ParseDate(body.GetProperty("earliestDateAvailable").GetString()!);
        return new DeletedRecords(
            [.. body.GetProperty("deletedRecords").EnumerateArray().Select(d => new DeletedRecord(d.GetProperty("id").GetString()!, ParseDate(d.GetProperty("deletedDate").GetString()!)))],
            earliest,
            ParseDate(body.GetProperty("latestDateCovered").GetString()!),
            RequiresFullResync: earliest > start);
    }

    /// <summary>The org's objects (describeGlobal).</summary>
    public async Task<IReadOnlyList<GlobalObject>> DescribeGlobalAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync("sobjects", cancellationToken);
        return body.GetProperty("sobjects").Deserialize<List<GlobalObject>>(DescribeCache.Json)!;
    }

    /// <summary>The org's limits (GET /limits), e.g. <c>DailyApiRequests</c>.</summary>
    public async Task<IReadOnlyDictionary<string, OrgLimit>> GetLimitsAsync(CancellationToken cancellationToken = default)
    {
        var body = await GetJsonAsync("limits", cancellationToken);
        return body.EnumerateObject().ToDictionary(
            p => p.Name,
            p => new OrgLimit(p.Value.GetProperty("Max").GetInt64(), p.Value.GetProperty("Remaining").GetInt64()));
    }

    /// <summary>
    /// Refreshes <see cref="Budget"/> with one call that is sent even when the budget is spent (GET /limits), so a paused
    /// connection can learn that the org's 24-hour usage has fallen; returns whether the share allows calls again.
    /// </summary>
    public async Task<bool> ProbeBudgetAsync(CancellationToken cancellationToken = default)
    {
        await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, "limits") { Idempotent = true, BypassBudget = true }, cancellationToken);
        return Budget.CanSpend();
    }

    private async Task<QueryPage> PageAsync(string path, int? batchSize, CancellationToken cancellationToken)
    {
        var headers = batchSize is { } size ? new Dictionary<string, string> { ["Sforce-Query-Options"] = $"batchSize={size}" } : null;
        var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, path) { Idempotent = true, Headers = headers }, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        var root = document.RootElement.Clone();
        return new QueryPage(
            [.. root.GetProperty("records").EnumerateArray().Select(r => new SObjectRecord(r))],
            root.GetProperty("totalSize").GetInt32(),
            root.TryGetProperty("nextRecordsUrl", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null);
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, path) { Idempotent = true }, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    private static string Window(DateTimeOffset start, DateTimeOffset end) =>
        $"start={Uri.EscapeDataString(start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}&end={Uri.EscapeDataString(end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}";

    private static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.Parse(text.Replace("+0000", "+00:00", StringComparison.Ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
}

/// <summary>getUpdated's answer: ids changed in the window, and how far it reliably covers (use as the next start).</summary>
public sealed record UpdatedRecords(IReadOnlyList<string> Ids, DateTimeOffset LatestDateCovered);

/// <summary>getDeleted's answer. <see cref="RequiresFullResync"/>: the delete log starts after the window did.</summary>
public sealed record DeletedRecords(IReadOnlyList<DeletedRecord> Records, DateTimeOffset EarliestDateAvailable, DateTimeOffset LatestDateCovered, bool RequiresFullResync);

public sealed record DeletedRecord(string Id, DateTimeOffset DeletedDate);

/// <summary>One org limit.</summary>
public sealed record OrgLimit(long Max, long Remaining);
