using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    private static readonly string[] TerminalStates = ["JobComplete", "Failed", "Aborted"];

    /// <summary>Runs a Bulk API 2.0 query job and streams its rows as typed records (compound fields cannot be selected).</summary>
    public async IAsyncEnumerable<SalesforceRecord> BulkQueryAsync(Soql soql, bool includeDeleted = false, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var job = await PostJsonAsync("jobs/query", new { operation = includeDeleted ? "queryAll" : "query", query = soql.Text, contentType = "CSV", lineEnding = "LF" }, idempotent: false, cancellationToken);
        var id = job.GetProperty("id").GetString()!;
        var objectName = job.GetProperty("object").GetString()!;
        var info = await WaitForJobAsync($"jobs/query/{id}", cancellationToken);
        if (info.GetProperty("state").GetString() != "JobComplete")
        {
            throw new SalesforceException($"Bulk query job {id} ended {info.GetProperty("state").GetString()}: {Text(info, "errorMessage")}", 0, [], SalesforceErrorKind.Permanent);
        }

        string? locator = null;
        IReadOnlyList<FieldDescribe?>? fields = null;
        do
        {
            var path = $"jobs/query/{id}/results" + (locator is null ? "" : $"?locator={Uri.EscapeDataString(locator)}");
            var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, path) { Idempotent = true, Accept = "text/csv" }, cancellationToken);
            locator = response.Header("Sforce-Locator") is { } next && next != "null" ? next : null;
            using var rows = BulkCsv.Parse(Encoding.UTF8.GetString(response.Body)).GetEnumerator();
            if (!rows.MoveNext())
            {
                continue;
            }

            var header = rows.Current;
            fields ??= await _reader.ResolveAsync(objectName, header, cancellationToken);
            while (rows.MoveNext())
            {
                yield return RecordReader.ReadCsv(objectName, header, fields, rows.Current);
            }
        }
        while (locator is not null);
    }

    private async Task<IReadOnlyList<SaveResult>> BulkIngestAsync(
        SObjectDescribe type, WriteOperation operation, IReadOnlyList<RecordWrite> records, string? externalIdField, CancellationToken cancellationToken)
    {
        var columns = operation == WriteOperation.Delete
            ? ["Id"]
            : records.SelectMany(r => r.Values.Keys).Distinct(StringComparer.OrdinalIgnoreCase).Select(n => type.Field(n)!.Name).ToList();
        if (operation == WriteOperation.Update)
        {
            columns.Insert(0, "Id");
        }

        var csv = new StringBuilder();
        BulkCsv.AppendRow(csv, columns);
        var keys = new List<string>(records.Count);
        foreach (var record in records)
        {
            var cells = columns.Select(c => c == "Id" && operation is WriteOperation.Update or WriteOperation.Delete
                ? record.Id!
                : record.Values.TryGetValue(c, out var value) ? SalesforceValues.ToText(type.Field(c)!, value) : "").ToList();
            BulkCsv.AppendRow(csv, cells);
            keys.Add(string.Join('\u001f', cells));
        }

        var job = await PostJsonAsync("jobs/ingest", new
        {
            @object = type.Name,
            operation = operation switch { WriteOperation.Create => "insert", WriteOperation.Update => "update", WriteOperation.Upsert => "upsert", _ => "delete" },
            externalIdFieldName = externalIdField,
            contentType = "CSV",
            lineEnding = "LF",
        }, idempotent: false, cancellationToken);
        var id = job.GetProperty("id").GetString()!;
        try
        {
            await _transport.SendAsync(new SalesforceRequest(HttpMethod.Put, $"jobs/ingest/{id}/batches") { Body = Encoding.UTF8.GetBytes(csv.ToString()), ContentType = "text/csv", Idempotent = true }, cancellationToken);
        }
        catch (SalesforceException)
        {
            // Nothing ran yet: abort so the open job does not linger (it would count against the org's open jobs), then report the failure.
            await AbortQuietlyAsync(id);
            throw;
        }

        JsonElement info;
        try
        {
            await _transport.SendAsync(new SalesforceRequest(HttpMethod.Patch, $"jobs/ingest/{id}") { Body = JsonSerializer.SerializeToUtf8Bytes(new { state = "UploadComplete" }), Idempotent = true }, cancellationToken);
            info = await WaitForJobAsync($"jobs/ingest/{id}", cancellationToken);
        }
        catch (SalesforceException e)
        {
            // Once the upload may have been closed, Salesforce may be processing the rows: their outcome is unknown.
            throw new SalesforceException($"Bulk job {id}: {e.Message} Its rows may have been processed.", e.StatusCode, e.Errors, e.Kind, outcomeUnknown: true, e);
        }

        var state = info.GetProperty("state").GetString()!;
        var processed = Number(info, "numberRecordsProcessed");
        var failed = Number(info, "numberRecordsFailed");
        if (state == "JobComplete" && failed == 0 && processed == records.Count && operation is WriteOperation.Update or WriteOperation.Delete)
        {
            // Every row succeeded and the ids are already known: the results files would add nothing but two calls.
            return [.. records.Select(r => new SaveResult(r.Id, true, []))];
        }

        // Result files echo each row's original columns; match them back to the input rows, duplicates in order.
        // A Failed or Aborted job may still have committed some rows, so its result files are read too.
        var results = new SaveResult?[records.Count];
        var pending = new Dictionary<string, Queue<int>>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            (pending.TryGetValue(keys[i], out var queue) ? queue : pending[keys[i]] = new Queue<int>()).Enqueue(i);
        }

        var counted = processed is not null && failed is not null;
        if (!counted || processed != failed)
        {
            await CollectAsync($"jobs/ingest/{id}/successfulResults/", success: true);
        }

        if (!counted || failed != 0)
        {
            await CollectAsync($"jobs/ingest/{id}/failedResults/", success: false);
        }

        var reason = state == "JobComplete" ? "the job ended before it" : $"the job ended {state}: {Text(info, "errorMessage") ?? "no reason given"}";
        var unprocessed = new SalesforceError("BULK_ROW_UNPROCESSED", $"Salesforce did not process this row ({reason}).", []);
        return [.. results.Select(r => r ?? SaveResult.Failed(unprocessed))];

        async Task CollectAsync(string path, bool success)
        {
            var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, path) { Idempotent = true, Accept = "text/csv" }, cancellationToken);
            foreach (var row in BulkCsv.Parse(Encoding.UTF8.GetString(response.Body)).Skip(1))
            {
                var key = string.Join('\u001f', row.Skip(2));
                if (!pending.TryGetValue(key, out var queue) || queue.Count == 0)
                {
                    continue;
                }

                var index = queue.Dequeue();
                results[index] = success
                    ? new SaveResult(row[0], true, [], row[1] == "true")
                    : new SaveResult(row[0].Length > 0 ? row[0] : records[index].Id, false, [ParseBulkError(row[1])]);
            }
        }
    }

    private async Task AbortQuietlyAsync(string id)
    {
        try
        {
            await _transport.SendAsync(new SalesforceRequest(HttpMethod.Patch, $"jobs/ingest/{id}") { Body = JsonSerializer.SerializeToUtf8Bytes(new { state = "Aborted" }), Idempotent = true }, CancellationToken.None);
        }
        catch (SalesforceException)
        {
            // Best effort: an open job with no data expires on its own after a day.
        }
    }

    private async Task<JsonElement> WaitForJobAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            var info = await GetJsonAsync(path, cancellationToken);
            if (TerminalStates.Contains(info.GetProperty("state").GetString()))
            {
                return info;
            }

            await Task.Delay(_options.BulkPollInterval, _time, cancellationToken);
        }
    }

    private async Task<JsonElement> PostJsonAsync(string path, object body, bool idempotent, CancellationToken cancellationToken)
    {
        var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Post, path) { Body = JsonSerializer.SerializeToUtf8Bytes(body), Idempotent = idempotent }, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.Clone();
    }

    /// <summary>Bulk's <c>sf__Error</c>: <c>CODE:message:field,field --</c>.</summary>
    private static SalesforceError ParseBulkError(string text)
    {
        var trimmed = text.EndsWith(" --", StringComparison.Ordinal) ? text[..^3] : text;
        var parts = trimmed.Split(':');
        return parts.Length >= 2
            ? new SalesforceError(parts[0], string.Join(':', parts[1..^1]) is { Length: > 0 } message ? message : parts[1], parts.Length > 2 && parts[^1].Length > 0 ? parts[^1].Split(',') : [])
            : new SalesforceError("UNKNOWN", text, []);
    }

    private static long? Number(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : null;

    private static string? Text(JsonElement json, string name) =>
        json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
