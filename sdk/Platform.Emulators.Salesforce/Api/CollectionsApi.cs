using System.Text.Json;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>sObject Collections: up to 200 records per call, one API call, per-record results in request order.</summary>
internal sealed class CollectionsApi(EmulatedOrg org)
{
    private const int MaxRecords = 200;
    private const int MaxChunks = 10;

    public ApiResponse Route(ApiRequest request)
    {
        var s = request.Segments;
        return (s.Count, request.Method) switch
        {
            (2, "POST") => Save(request, SaveKind.Create, null, null),
            (2, "PATCH") => Save(request, SaveKind.Update, null, null),
            (2, "DELETE") => Delete(request),
            (2, _) => RestApi.MethodNotAllowed(request, "POST,PATCH,DELETE"),
            (3, "GET" or "POST") => Retrieve(request, s[2]),
            (3, _) => RestApi.MethodNotAllowed(request, "GET,POST"),
            (4, "PATCH") => UpsertRoute(request, s[2], s[3]),
            (4, _) => RestApi.MethodNotAllowed(request, "PATCH"),
            _ => RestApi.NotFound(),
        };
    }

    private ApiResponse UpsertRoute(ApiRequest request, string typeName, string fieldName)
    {
        if (org.Schema.Find(typeName) is not { } type)
        {
            return RestApi.NotFound();
        }

        return type.Field(fieldName) is { } key && (key.ExternalId || key.IdLookup)
            ? Save(request, SaveKind.Upsert, type, key)
            : ApiResponse.Error(404, new SalesforceError("NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}"));
    }

    private ApiResponse Save(ApiRequest request, SaveKind kind, ObjectDefinition? upsertType, FieldDefinition? key)
    {
        var body = request.Json();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("records", out var recordsJson) || recordsJson.ValueKind != JsonValueKind.Array)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_FIELD", "The request body must contain a records array."));
        }

        var records = recordsJson.EnumerateArray().ToList();
        if (records.Count > MaxRecords)
        {
            return ApiResponse.Error(400, new SalesforceError("EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call"));
        }

        var chunks = records.Select(TypeName).Where((name, i) => i == 0 || name != TypeName(records[i - 1])).Count();
        if (chunks > MaxChunks)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_BATCH_SIZE", "Cannot have more than 10 chunks in a single operation. Please rearrange the data to reduce chunking."));
        }

        var allOrNone = body.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
        var results = new List<SaveResult>(records.Count);
        lock (org.Store.Sync)
        {
            org.Store.Begin();
            foreach (var record in records)
            {
                results.Add(SaveOne(record, kind, upsertType, key, request.Caller));
            }

            if (allOrNone && results.Exists(r => !r.Succeeded))
            {
                org.Store.Rollback();
                results = [.. results.Select(r => r.Succeeded ? SaveResult.Fail(RecordWriter.RolledBack) : r)];
            }
            else
            {
                org.Store.Commit();
            }
        }

        return ApiResponse.Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var result in results)
            {
                w.WriteStartObject();
                if (result.Row is not null && result.Succeeded)
                {
                    w.WriteString("id", result.Row.Id);
                }

                w.WriteBoolean("success", result.Succeeded);
                RecordJson.WriteSaveErrors(w, result.Errors);
                if (kind == SaveKind.Upsert)
                {
                    w.WriteBoolean("created", result.Created);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private SaveResult SaveOne(JsonElement record, SaveKind kind, ObjectDefinition? upsertType, FieldDefinition? key, Caller caller)
    {
        var typeName = TypeName(record);
        var type = typeName is null ? upsertType : org.Schema.Find(typeName);
        if (type is null || (upsertType is not null && type != upsertType))
        {
            return SaveResult.Fail(new SalesforceError("INVALID_TYPE", typeName is null
                ? "Nested object for polymorphic foreign key must have an attributes field before any other fields."
                : $"sObject type '{typeName}' is not supported.", []));
        }

        switch (kind)
        {
            case SaveKind.Create:
                return org.Writer.Create(type, record, caller);
            case SaveKind.Update:
                var id = Property(record, "id") ?? Property(record, "Id");
                return id is null
                    ? SaveResult.Fail(new SalesforceError("MISSING_ARGUMENT", "Id not specified in an update call", []))
                    : org.Writer.Update(type, id, record, caller, inCollection: true);
            default:
                var value = Property(record, key!.Name);
                if (value is null)
                {
                    return SaveResult.Fail(new SalesforceError("MISSING_ARGUMENT", $"{key.Name} not specified", [key.Name]));
                }

                return org.Writer.Upsert(type, key, value, record, caller, updateOnly: false).Save;
        }
    }

    private ApiResponse Delete(ApiRequest request)
    {
        var ids = request.Param("ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (ids.Length == 0)
        {
            return ApiResponse.Error(400, new SalesforceError("REQUIRED_FIELD_MISSING", "At least 1 Id is required."));
        }

        if (ids.Length > MaxRecords)
        {
            return ApiResponse.Error(400, new SalesforceError("EXCEEDED_ID_LIMIT", $"record limit reached. cannot submit more than {MaxRecords} records into this call"));
        }

        var allOrNone = request.Param("allOrNone") == "true";
        var results = new List<(string Id, SaveResult Result)>();
        lock (org.Store.Sync)
        {
            org.Store.Begin();
            foreach (var id in ids)
            {
                results.Add((id, org.Writer.Delete(null, id, request.Caller, inCollection: true)));
            }

            if (allOrNone && results.Exists(r => !r.Result.Succeeded))
            {
                org.Store.Rollback();
                results = [.. results.Select(r => r.Result.Succeeded ? (r.Id, SaveResult.Fail(RecordWriter.RolledBack)) : r)];
            }
            else
            {
                org.Store.Commit();
            }
        }

        return ApiResponse.Json(200, w =>
        {
            w.WriteStartArray();
            foreach (var (id, result) in results)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteBoolean("success", result.Succeeded);
                RecordJson.WriteSaveErrors(w, result.Errors);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    private ApiResponse Retrieve(ApiRequest request, string typeName)
    {
        if (org.Schema.Find(typeName) is not { } type || !request.Caller.User.Permissions.Can(type, 'R'))
        {
            return RestApi.NotFound();
        }

        string[] ids;
        string[] fieldNames;
        if (request.Method == "POST")
        {
            var body = request.Json();
            ids = body.TryGetProperty("ids", out var idList) ? [.. idList.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
            fieldNames = body.TryGetProperty("fields", out var fieldList) ? [.. fieldList.EnumerateArray().Select(e => e.GetString() ?? "")] : [];
        }
        else
        {
            ids = request.Param("ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            fieldNames = request.Param("fields")?.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
        }

        if (ids.Length == 0 || fieldNames.Length == 0)
        {
            return ApiResponse.Error(400, new SalesforceError("MISSING_ARGUMENT", "ids and fields are required"));
        }

        var fields = fieldNames.Select(n => type.Field(n.Trim()) ?? throw new SalesforceException(400, SalesforceError.InvalidField(n.Trim(), type.Name))).ToList();
        lock (org.Store.Sync)
        {
            var options = new ValueOptions(request.Caller.User.Permissions.ViewEncryptedData);
            return ApiResponse.Json(200, w =>
            {
                w.WriteStartArray();
                foreach (var id in ids)
                {
                    if (org.Store.Get(id) is { IsDeleted: false } row && row.Type == type)
                    {
                        RecordJson.WriteRecord(w, row, request.Version, options, fields);
                    }
                    else
                    {
                        w.WriteNullValue();
                    }
                }

                w.WriteEndArray();
            });
        }
    }

    private static string? TypeName(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("attributes", out var attributes) && attributes.ValueKind == JsonValueKind.Object
        && attributes.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static string? Property(JsonElement record, string name) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

    private enum SaveKind
    {
        Create,
        Update,
        Upsert,
    }
}
