using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;
using Platform.Emulators.Salesforce.Soql;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>
/// Bulk API 2.0: ingest jobs (create, upload CSV once, close, results) and query jobs (CSV result pages with
/// <c>Sforce-Locator</c>). Ingested rows go through the same validation as every other write.
/// </summary>
internal sealed class BulkApi(EmulatedOrg org)
{
    private const int DefaultResultPage = 100_000;
    private static readonly string[] IngestOperations = ["insert", "update", "upsert", "delete", "hardDelete"];
    private readonly ConcurrentDictionary<string, BulkJob> _jobs = new(StringComparer.Ordinal);
    private long _sequence;

    public ApiResponse Route(ApiRequest request)
    {
        var s = request.Segments;
        if (s.Count < 2 || s[1] is not ("ingest" or "query"))
        {
            return RestApi.NotFound();
        }

        var isQuery = s[1] == "query";
        if (s.Count == 2)
        {
            return request.Method switch
            {
                "POST" => isQuery ? CreateQuery(request) : CreateIngest(request),
                "GET" => List(request, isQuery),
                _ => RestApi.MethodNotAllowed(request, "GET,POST"),
            };
        }

        if (!_jobs.TryGetValue(s[2], out var job) || job.IsQuery != isQuery)
        {
            return ApiResponse.Error(404, new SalesforceError("NOT_FOUND", $"Could not find a job with id {s[2]}"));
        }

        return (s.Count, request.Method, s.Count > 3 ? s[3] : null) switch
        {
            (3, "GET", _) => Info(request, job),
            (3, "PATCH", _) => ChangeState(request, job),
            (3, "DELETE", _) => Delete(job),
            (4, "PUT", "batches") when !isQuery => Upload(request, job),
            (4, "GET", "successfulResults") when !isQuery => Csv(job.SuccessfulResults),
            (4, "GET", "failedResults") when !isQuery => Csv(job.FailedResults),
            (4, "GET", "unprocessedrecords") when !isQuery => Csv(job.UnprocessedRecords),
            (4, "GET", "results") when isQuery => Results(request, job),
            _ => RestApi.NotFound(),
        };
    }

    private ApiResponse CreateIngest(ApiRequest request)
    {
        var body = request.Json();
        var objectName = Text(body, "object");
        var operation = Text(body, "operation");
        if (objectName is null || org.Schema.Find(objectName) is not { } type)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALIDENTITY", $"Entity '{objectName}' is not supported by the Bulk API."));
        }

        if (operation is null || !IngestOperations.Contains(operation))
        {
            return ApiResponse.Error(400, new SalesforceError("INVALIDJOB", $"Invalid operation '{operation}'; expected one of {string.Join(", ", IngestOperations)}."));
        }

        var externalId = Text(body, "externalIdFieldName");
        if (operation == "upsert" && (externalId is null || type.Field(externalId) is not { ExternalId: true } and not { Name: "Id" }))
        {
            return ApiResponse.Error(400, new SalesforceError("INVALIDJOB", $"Upsert needs externalIdFieldName naming an external id field of {type.Name} (got '{externalId}')."));
        }

        var job = NewJob(request, isQuery: false, operation, type.Name, externalId, query: null);
        return Info(request, job);
    }

    private ApiResponse CreateQuery(ApiRequest request)
    {
        var body = request.Json();
        var soql = Text(body, "query");
        var operation = Text(body, "operation") ?? "query";
        if (soql is null || operation is not ("query" or "queryAll"))
        {
            return ApiResponse.Error(400, new SalesforceError("INVALIDJOB", "A query job needs a query and operation query or queryAll."));
        }

        QueryResult result;
        lock (org.Store.Sync)
        {
            var caller = request.Caller;
            result = SoqlEngine.Run(soql, org.Store, operation == "queryAll", type => RestApi.CanRead(caller, type));
        }

        if (result.CountOnly || result.Query.UsesOffset)
        {
            return ApiResponse.Error(400, new SalesforceError("API_ERROR", "Aggregate queries and OFFSET are not supported in Bulk Query"));
        }

        if (result.Query.Select.Any(p => p.Field.Type.IsCompound()))
        {
            return ApiResponse.Error(400, new SalesforceError("API_ERROR", "Selecting compound data not supported in Bulk Query"));
        }

        var job = NewJob(request, isQuery: true, operation, result.Query.Type.Name, null, soql);
        job.Result = result;
        job.Processed = result.Rows.Count;
        var created = Info(request, job);
        job.State = "JobComplete";
        return created;
    }

    private BulkJob NewJob(ApiRequest request, bool isQuery, string operation, string objectName, string? externalId, string? query)
    {
        var now = org.Clock.Timestamp;
        var job = new BulkJob
        {
            Id = SalesforceId.Create("750", Interlocked.Increment(ref _sequence)),
            IsQuery = isQuery,
            Operation = operation,
            ObjectName = objectName,
            ExternalIdFieldName = externalId,
            CreatedById = request.Caller.User.UserId,
            CreatedDate = now,
            SystemModstamp = now,
            ApiVersion = decimal.Parse(request.Version, CultureInfo.InvariantCulture),
            LineEnding = request.Body.IsEmpty ? "LF" : Text(request.Json(), "lineEnding") ?? "LF",
            Query = query,
            State = isQuery ? "UploadComplete" : "Open",
        };
        _jobs[job.Id] = job;
        return job;
    }

    private static ApiResponse Upload(ApiRequest request, BulkJob job)
    {
        if (job.State != "Open" || job.Data is not null)
        {
            return ApiResponse.Error(409, new SalesforceError("INVALIDJOBSTATE", $"The job's state is {job.State}; data can be uploaded once, while the job is Open."));
        }

        job.Data = Encoding.UTF8.GetString(request.Body.Span);
        return new ApiResponse(201);
    }

    private ApiResponse ChangeState(ApiRequest request, BulkJob job)
    {
        var state = Text(request.Json(), "state");
        switch (state)
        {
            case "UploadComplete" when !job.IsQuery && job.State == "Open":
                Process(request, job);
                return Info(request, job);
            case "Aborted" when job.State is "Open" or "UploadComplete" or "InProgress":
                job.State = "Aborted";
                if (job.Data is not null)
                {
                    job.UnprocessedRecords.Append(job.Data);
                }

                return Info(request, job);
            default:
                return ApiResponse.Error(400, new SalesforceError("INVALIDJOBSTATE", $"Cannot change the job's state from {job.State} to {state}."));
        }
    }

    private void Process(ApiRequest request, BulkJob job)
    {
        var type = org.Schema.Find(job.ObjectName)!;
        List<string[]> rows;
        try
        {
            rows = Json.Csv.Parse(job.Data ?? "");
        }
        catch (FormatException ex)
        {
            job.State = "Failed";
            job.ErrorMessage = $"InvalidBatch : {ex.Message}";
            return;
        }

        if (rows.Count == 0)
        {
            job.State = "Failed";
            job.ErrorMessage = "InvalidBatch : Failed to parse CSV. No data uploaded.";
            return;
        }

        var header = rows[0];
        Json.Csv.AppendRow(job.SuccessfulResults, ["sf__Id", "sf__Created", .. header], job.NewLine);
        Json.Csv.AppendRow(job.FailedResults, ["sf__Id", "sf__Error", .. header], job.NewLine);
        var limit = org.Settings.BulkIngestRowLimit;
        lock (org.Store.Sync)
        {
            foreach (var row in rows.Skip(1))
            {
                if (job.Processed == limit)
                {
                    job.State = "Failed";
                    job.ErrorMessage = $"InternalServerError : Processing stopped after {limit} rows.";
                    job.SystemModstamp = org.Clock.Timestamp;
                    Json.Csv.AppendRow(job.UnprocessedRecords, header, job.NewLine);
                    foreach (var rest in rows.Skip(1 + limit.Value))
                    {
                        Json.Csv.AppendRow(job.UnprocessedRecords, rest, job.NewLine);
                    }

                    return;
                }

                var result = Apply(type, job, header, row, request.Caller);
                job.Processed++;
                if (result.Succeeded)
                {
                    Json.Csv.AppendRow(job.SuccessfulResults, [result.Row!.Id, result.Created ? "true" : "false", .. row], job.NewLine);
                }
                else
                {
                    job.Failed++;
                    var error = result.Errors[0];
                    Json.Csv.AppendRow(job.FailedResults, [IdOf(header, row) ?? "", $"{error.ErrorCode}:{error.Message}:{string.Join(',', error.Fields ?? [])} --", .. row], job.NewLine);
                }
            }
        }

        job.State = "JobComplete";
        job.SystemModstamp = org.Clock.Timestamp;
    }

    private SaveResult Apply(ObjectDefinition type, BulkJob job, string[] header, string[] row, Caller caller)
    {
        if (row.Length != header.Length)
        {
            return SaveResult.Fail(new SalesforceError("INVALID_FIELD", $"The row has {row.Length} columns; the header has {header.Length}."));
        }

        var values = new JsonObject();
        for (var i = 0; i < header.Length; i++)
        {
            // An empty value leaves the field alone; #N/A sets it to null (Bulk API 2.0 rules).
            if (row[i].Length > 0 && !header[i].Equals("Id", StringComparison.OrdinalIgnoreCase))
            {
                values[header[i]] = row[i] == "#N/A" ? null : row[i];
            }
        }

        var body = JsonSerializer.SerializeToElement(values);
        var id = IdOf(header, row);
        switch (job.Operation)
        {
            case "insert":
                return org.Writer.Create(type, body, caller);
            case "update":
                return id is null ? SaveResult.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", ["Id"])) : org.Writer.Update(type, id, body, caller, inCollection: true);
            case "delete" or "hardDelete":
                return id is null ? SaveResult.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in a delete call", ["Id"])) : org.Writer.Delete(type, id, caller, inCollection: true);
            default:
                var key = type.Field(job.ExternalIdFieldName!)!;
                var index = Array.FindIndex(header, h => h.Equals(key.Name, StringComparison.OrdinalIgnoreCase));
                return index < 0 || row[index].Length == 0
                    ? SaveResult.Fail(new SalesforceError("MISSING_ARGUMENT", $"{key.Name} not specified", [key.Name]))
                    : org.Writer.Upsert(type, key, row[index], body, caller, updateOnly: false).Save;
        }
    }

    private ApiResponse Results(ApiRequest request, BulkJob job)
    {
        var rows = job.Result!.Rows;
        var offset = int.TryParse(request.Param("locator"), NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 0;
        var max = int.TryParse(request.Param("maxRecords"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size > 0 ? size : DefaultResultPage;
        var end = Math.Min(rows.Count, offset + max);
        var columns = job.Result.Query.Select;
        var csv = new StringBuilder();
        Json.Csv.AppendRow(csv, columns.Select(c => c.Text), job.NewLine);
        lock (org.Store.Sync)
        {
            for (var i = offset; i < end; i++)
            {
                var row = rows[i];
                Json.Csv.AppendRow(csv, columns.Select(c => CsvValue(c.Read(row, org.Store))), job.NewLine);
            }
        }

        return new ApiResponse(200, Encoding.UTF8.GetBytes(csv.ToString()), new Dictionary<string, string>
        {
            ["Sforce-NumberOfRecords"] = (end - offset).ToString(CultureInfo.InvariantCulture),
            ["Sforce-Locator"] = end < rows.Count ? end.ToString(CultureInfo.InvariantCulture) : "null",
        }, "text/csv");
    }

    private ApiResponse List(ApiRequest request, bool isQuery) => ApiResponse.Json(200, w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("done", true);
        w.WriteStartArray("records");
        foreach (var job in _jobs.Values.Where(j => j.IsQuery == isQuery).OrderBy(j => j.CreatedDate))
        {
            WriteInfo(w, job, request.Version);
        }

        w.WriteEndArray();
        w.WriteNull("nextRecordsUrl");
        w.WriteEndObject();
    });

    private ApiResponse Delete(BulkJob job)
    {
        if (job.State is "Open" or "UploadComplete" or "InProgress")
        {
            return ApiResponse.Error(400, new SalesforceError("INVALIDJOBSTATE", $"A job in state {job.State} cannot be deleted; abort it first."));
        }

        _jobs.TryRemove(job.Id, out _);
        return ApiResponse.NoContent;
    }

    private static ApiResponse Info(ApiRequest request, BulkJob job) => ApiResponse.Json(200, w => WriteInfo(w, job, request.Version));

    private static void WriteInfo(Utf8JsonWriter w, BulkJob job, string version)
    {
        w.WriteStartObject();
        w.WriteString("id", job.Id);
        w.WriteString("operation", job.Operation);
        w.WriteString("object", job.ObjectName);
        if (job.ExternalIdFieldName is { } externalId)
        {
            w.WriteString("externalIdFieldName", externalId);
        }

        w.WriteString("createdById", job.CreatedById);
        w.WriteString("createdDate", SfFormats.DateTime(job.CreatedDate));
        w.WriteString("systemModstamp", SfFormats.DateTime(job.SystemModstamp));
        w.WriteString("state", job.State);
        w.WriteString("concurrencyMode", "Parallel");
        w.WriteString("contentType", "CSV");
        w.WriteNumber("apiVersion", job.ApiVersion);
        w.WriteString("jobType", job.IsQuery ? "V2Query" : "V2Ingest");
        if (!job.IsQuery && job.State == "Open")
        {
            w.WriteString("contentUrl", $"services/data/v{version}/jobs/ingest/{job.Id}/batches");
        }

        w.WriteString("lineEnding", job.LineEnding);
        w.WriteString("columnDelimiter", "COMMA");
        w.WriteNumber("numberRecordsProcessed", job.Processed);
        if (!job.IsQuery)
        {
            w.WriteNumber("numberRecordsFailed", job.Failed);
        }

        w.WriteNumber("retries", 0);
        w.WriteNumber("totalProcessingTime", 0);
        if (job.ErrorMessage is { } error)
        {
            w.WriteString("errorMessage", error);
        }

        w.WriteEndObject();
    }

    private static ApiResponse Csv(StringBuilder csv) => new(200, Encoding.UTF8.GetBytes(csv.ToString()), ContentType: "text/csv");

    private static string? IdOf(string[] header, string[] row)
    {
        var index = Array.FindIndex(header, h => h.Equals("Id", StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index < row.Length && row[index].Length > 0 ? row[index] : null;
    }

    private static string? Text(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string CsvValue(object? value) => value switch
    {
        null => "",
        bool flag => flag ? "true" : "false",
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly date => SfFormats.Date(date),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
