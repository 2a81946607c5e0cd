using System.Text.Json;

namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    private const int CollectionSize = 200;

    /// <summary>Creates a record and returns its id. Values are checked against describe before the call.</summary>
    public async Task<string> CreateAsync(string objectName, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        var type = await CheckedAsync(objectName, values, creating: true, cancellationToken);
        var body = RecordPayload.Json(w =>
        {
            w.WriteStartObject();
            RecordPayload.WriteProperties(w, type, values, id: null, withAttributes: false);
            w.WriteEndObject();
        });
        var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Post, $"sobjects/{Uri.EscapeDataString(type.Name)}") { Body = body }, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    public async Task UpdateAsync(string objectName, string id, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        var type = await CheckedAsync(objectName, values, creating: false, cancellationToken);
        var body = RecordPayload.Json(w =>
        {
            w.WriteStartObject();
            RecordPayload.WriteProperties(w, type, values, id: null, withAttributes: false);
            w.WriteEndObject();
        });
        await _transport.SendAsync(new SalesforceRequest(HttpMethod.Patch, $"sobjects/{Uri.EscapeDataString(type.Name)}/{Uri.EscapeDataString(id)}") { Body = body, Idempotent = true }, cancellationToken);
    }

    public Task DeleteAsync(string objectName, string id, CancellationToken cancellationToken = default) =>
        _transport.SendAsync(new SalesforceRequest(HttpMethod.Delete, $"sobjects/{Uri.EscapeDataString(objectName)}/{Uri.EscapeDataString(id)}") { Idempotent = true }, cancellationToken);

    /// <summary>Reads one record with typed values; null when it does not exist (or is deleted).</summary>
    public async Task<SalesforceRecord?> GetAsync(string objectName, string id, IEnumerable<string>? fields = null, CancellationToken cancellationToken = default)
    {
        var path = $"sobjects/{Uri.EscapeDataString(objectName)}/{Uri.EscapeDataString(id)}";
        if (fields is not null)
        {
            path += "?fields=" + Uri.EscapeDataString(string.Join(',', fields));
        }

        try
        {
            var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Get, path) { Idempotent = true }, cancellationToken);
            using var document = JsonDocument.Parse(response.Body);
            return await _reader.ReadAsync(new SObjectRecord(document.RootElement.Clone()), cancellationToken);
        }
        catch (SalesforceException ex) when (ex.StatusCode == 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates or updates the record whose external id field holds <paramref name="externalId"/>. Throws
    /// <see cref="SalesforceMultipleMatchesException"/> when several records match (nothing is written).
    /// </summary>
    public async Task<UpsertResult> UpsertAsync(string objectName, string externalIdField, string externalId, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken = default)
    {
        var type = await CheckedAsync(objectName, values, creating: true, cancellationToken);
        var body = RecordPayload.Json(w =>
        {
            w.WriteStartObject();
            RecordPayload.WriteProperties(w, type, values.Where(v => !string.Equals(v.Key, externalIdField, StringComparison.OrdinalIgnoreCase)).ToDictionary(), id: null, withAttributes: false);
            w.WriteEndObject();
        });
        var path = $"sobjects/{Uri.EscapeDataString(type.Name)}/{Uri.EscapeDataString(externalIdField)}/{Uri.EscapeDataString(externalId)}";
        var response = await _transport.SendAsync(new SalesforceRequest(HttpMethod.Patch, path) { Body = body, Idempotent = true }, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        if (response.Status == 300)
        {
            throw new SalesforceMultipleMatchesException(
                $"Upsert of {type.Name} by {externalIdField} matched several records; nothing was written.",
                [.. document.RootElement.EnumerateArray().Select(u => u.GetString()!)]);
        }

        return new UpsertResult(document.RootElement.GetProperty("id").GetString()!, document.RootElement.GetProperty("created").GetBoolean());
    }

    /// <summary>Creates records: sObject Collections (200 per call) or one Bulk job, per <see cref="WriteOptions.Mode"/>.</summary>
    public Task<IReadOnlyList<SaveResult>> CreateManyAsync(string objectName, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteManyAsync(objectName, WriteOperation.Create, [.. records.Select(r => new RecordWrite(null, r))], null, options, cancellationToken);

    public Task<IReadOnlyList<SaveResult>> UpdateManyAsync(string objectName, IReadOnlyList<RecordWrite> records, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteManyAsync(objectName, WriteOperation.Update, records, null, options, cancellationToken);

    /// <summary>Upserts records by an external id field (each record's values must hold it).</summary>
    public Task<IReadOnlyList<SaveResult>> UpsertManyAsync(string objectName, string externalIdField, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteManyAsync(objectName, WriteOperation.Upsert, [.. records.Select(r => new RecordWrite(null, r))], externalIdField, options, cancellationToken);

    public Task<IReadOnlyList<SaveResult>> DeleteManyAsync(string objectName, IReadOnlyList<string> ids, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        WriteManyAsync(objectName, WriteOperation.Delete, [.. ids.Select(id => new RecordWrite(id, new Dictionary<string, object?>()))], null, options, cancellationToken);

    private async Task<IReadOnlyList<SaveResult>> WriteManyAsync(
        string objectName, WriteOperation operation, IReadOnlyList<RecordWrite> records, string? externalIdField, WriteOptions? options, CancellationToken cancellationToken)
    {
        options ??= new WriteOptions();
        var type = await _describes.GetAsync(objectName, cancellationToken);
        var results = new SaveResult?[records.Count];
        var valid = new List<int>(records.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var problem = operation == WriteOperation.Delete ? null : RecordPayload.Check(type, records[i].Values, creating: operation != WriteOperation.Update);
            if (problem is null && operation is WriteOperation.Update or WriteOperation.Delete && string.IsNullOrEmpty(records[i].Id))
            {
                problem = new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update or delete", ["Id"]);
            }

            if (problem is null && operation == WriteOperation.Upsert && records[i].Values.GetValueOrDefault(externalIdField!) is null)
            {
                problem = new SalesforceError("MISSING_ARGUMENT", $"{externalIdField} not specified", [externalIdField!]);
            }

            if (problem is null)
            {
                valid.Add(i);
            }
            else
            {
                results[i] = SaveResult.Failed(problem);
            }
        }

        var bulk = options.Mode == WriteMode.Bulk || (options.Mode == WriteMode.Auto && valid.Count > _options.BulkThreshold);
        if (bulk && valid.Count > 0)
        {
            var saved = await BulkIngestAsync(type, operation, [.. valid.Select(i => records[i])], externalIdField, cancellationToken);
            for (var i = 0; i < valid.Count; i++)
            {
                results[valid[i]] = saved[i];
            }
        }
        else
        {
            foreach (var chunk in valid.Chunk(CollectionSize))
            {
                var saved = await CollectionAsync(type, operation, [.. chunk.Select(i => records[i])], externalIdField, options.AllOrNone, cancellationToken);
                for (var i = 0; i < chunk.Length; i++)
                {
                    results[chunk[i]] = saved[i];
                }
            }
        }

        return results!;
    }

    private async Task<IReadOnlyList<SaveResult>> CollectionAsync(
        SObjectDescribe type, WriteOperation operation, IReadOnlyList<RecordWrite> records, string? externalIdField, bool allOrNone, CancellationToken cancellationToken)
    {
        SalesforceRequest request;
        if (operation == WriteOperation.Delete)
        {
            var ids = string.Join(',', records.Select(r => r.Id));
            request = new SalesforceRequest(HttpMethod.Delete, $"composite/sobjects?ids={Uri.EscapeDataString(ids)}&allOrNone={(allOrNone ? "true" : "false")}") { Idempotent = true };
        }
        else
        {
            var body = RecordPayload.Json(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("allOrNone", allOrNone);
                w.WriteStartArray("records");
                foreach (var record in records)
                {
                    w.WriteStartObject();
                    RecordPayload.WriteProperties(w, type, record.Values, operation == WriteOperation.Update ? record.Id : null, withAttributes: true);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
            request = operation switch
            {
                // A lost answer to a create may hide created records, so creates are only retried when nothing can have happened.
                WriteOperation.Create => new SalesforceRequest(HttpMethod.Post, "composite/sobjects") { Body = body },
                WriteOperation.Update => new SalesforceRequest(HttpMethod.Patch, "composite/sobjects") { Body = body, Idempotent = true },
                _ => new SalesforceRequest(HttpMethod.Patch, $"composite/sobjects/{Uri.EscapeDataString(type.Name)}/{Uri.EscapeDataString(externalIdField!)}") { Body = body, Idempotent = true },
            };
        }

        var response = await _transport.SendAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        return [.. document.RootElement.EnumerateArray().Select((r, i) => new SaveResult(
            r.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : records[i].Id,
            r.GetProperty("success").GetBoolean(),
            r.TryGetProperty("errors", out var errors) ? SalesforceTransport.ParseErrors(System.Text.Encoding.UTF8.GetBytes(errors.GetRawText())) : [],
            r.TryGetProperty("created", out var created) ? created.GetBoolean() : operation == WriteOperation.Create ? true : null))];
    }

    private async Task<SObjectDescribe> CheckedAsync(string objectName, IReadOnlyDictionary<string, object?> values, bool creating, CancellationToken cancellationToken)
    {
        var type = await _describes.GetAsync(objectName, cancellationToken);
        return RecordPayload.Check(type, values, creating) is { } problem
            ? throw new SalesforceException($"{type.Name}: {problem.Message}", 0, [problem], SalesforceErrorKind.Permanent)
            : type;
    }
}

/// <summary>A record to write: its id (for updates and deletes) and the values to set.</summary>
public sealed record RecordWrite(string? Id, IReadOnlyDictionary<string, object?> Values);

internal enum WriteOperation
{
    Create,
    Update,
    Upsert,
    Delete,
}
