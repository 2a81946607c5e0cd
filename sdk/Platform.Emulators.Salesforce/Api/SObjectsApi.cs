using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Api;

/// <summary><c>/sobjects</c>: describes, record CRUD, upsert by external id, blobs, getUpdated and getDeleted.</summary>
internal sealed class SObjectsApi(EmulatedOrg org)
{
    public ApiResponse Route(ApiRequest request)
    {
        var s = request.Segments;
        var permissions = request.Caller.User.Permissions;
        if (s.Count == 1)
        {
            return request.Method == "GET" ? DescribeGlobal(request) : RestApi.MethodNotAllowed(request, "GET,HEAD");
        }

        if (org.Schema.Find(s[1]) is not { } type || !permissions.Can(type, 'R'))
        {
            return RestApi.NotFound();
        }

        return (s.Count, request.Method) switch
        {
            (2, "GET") => BasicInfo(request, type),
            (2, "POST") => Create(request, type),
            (2, _) => RestApi.MethodNotAllowed(request, "GET,HEAD,POST"),
            (3, "GET") when s[2] == "describe" => Describe(request, type),
            (3, _) when s[2] == "describe" => RestApi.MethodNotAllowed(request, "GET,HEAD"),
            (3, "GET") when s[2] == "updated" => Replication.Updated(org, request, type),
            (3, "GET") when s[2] == "deleted" => Replication.Deleted(org, request, type),
            (3, "POST") when s[2] == "Id" => Create(request, type),
            (3, "GET") => Get(request, type, s[2]),
            (3, "PATCH") => Update(request, type, s[2]),
            (3, "DELETE") => Delete(request, type, s[2]),
            (3, _) => RestApi.MethodNotAllowed(request, "GET,PATCH,HEAD,DELETE"),
            (4, "GET") when type.Field(s[3]) is { Type: SfType.Base64 } blob && SalesforceId.IsWellFormed(s[2]) => Blob(type, s[2], blob),
            (4, "GET") => ByExternalId(request, type, s[2], s[3], remove: false),
            (4, "DELETE") => ByExternalId(request, type, s[2], s[3], remove: true),
            (4, "PATCH") => Upsert(request, type, s[2], s[3]),
            (4, _) => RestApi.MethodNotAllowed(request, "GET,PATCH,HEAD,DELETE"),
            _ => RestApi.NotFound(),
        };
    }

    private ApiResponse DescribeGlobal(ApiRequest request)
    {
        var lastModified = org.Schema.Objects.Max(o => o.LastModified);
        if (NotModifiedSince(request, lastModified))
        {
            return new ApiResponse(304);
        }

        return ApiResponse.Json(200, w => DescribeWriter.WriteGlobal(w, org.Schema, request.Caller.User.Permissions, request.Version), CacheHeaders(lastModified));
    }

    private ApiResponse Describe(ApiRequest request, ObjectDefinition type)
    {
        if (NotModifiedSince(request, type.LastModified))
        {
            return new ApiResponse(304);
        }

        lock (org.Store.Sync)
        {
            return ApiResponse.Json(200, w => DescribeWriter.WriteObject(w, type, org.Store, request.Caller.User.Permissions, request.Version, request.BaseUrl), CacheHeaders(type.LastModified));
        }
    }

    private static ApiResponse BasicInfo(ApiRequest request, ObjectDefinition type) => ApiResponse.Json(200, w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("objectDescribe");
        DescribeWriter.WriteObjectFlags(w, type, request.Caller.User.Permissions, request.Version);
        w.WriteEndObject();
        w.WriteStartArray("recentItems");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private ApiResponse Create(ApiRequest request, ObjectDefinition type)
    {
        var (body, preset) = request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) == true
            ? ReadMultipart(request, type)
            : (request.Json(), null);
        SaveResult result;
        lock (org.Store.Sync)
        {
            result = org.Writer.Create(type, body, request.Caller, preset: preset);
        }

        if (!result.Succeeded)
        {
            return ApiResponse.Errors(RestApi.StatusOf(result.Errors), result.Errors);
        }

        return ApiResponse.Json(201, w => WriteSaveResult(w, result.Row!.Id, created: null), Location(request, type, result.Row!.Id));
    }

    private ApiResponse Get(ApiRequest request, ObjectDefinition type, string id)
    {
        lock (org.Store.Sync)
        {
            if (org.Store.Get(id) is not { IsDeleted: false } row || row.Type != type)
            {
                return RestApi.NotFound();
            }

            var fields = Fields(request, type);
            return ApiResponse.Json(200, w => RecordJson.WriteRecord(w, row, request.Version, Options(request), fields), LastModified(row));
        }
    }

    private ApiResponse Update(ApiRequest request, ObjectDefinition type, string id)
    {
        var body = request.Json();
        lock (org.Store.Sync)
        {
            var result = org.Writer.Update(type, id, body, request.Caller, inCollection: false);
            return result.Succeeded ? ApiResponse.NoContent : ApiResponse.Errors(RestApi.StatusOf(result.Errors), result.Errors);
        }
    }

    private ApiResponse Delete(ApiRequest request, ObjectDefinition type, string id)
    {
        lock (org.Store.Sync)
        {
            var result = org.Writer.Delete(type, id, request.Caller, inCollection: false);
            return result.Succeeded ? ApiResponse.NoContent : ApiResponse.Errors(RestApi.StatusOf(result.Errors), result.Errors);
        }
    }

    private ApiResponse Upsert(ApiRequest request, ObjectDefinition type, string fieldName, string value)
    {
        if (ExternalIdField(type, fieldName) is not { } key)
        {
            return ApiResponse.Error(404, new SalesforceError("NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}"));
        }

        var body = request.Json();
        UpsertResult result;
        lock (org.Store.Sync)
        {
            result = org.Writer.Upsert(type, key, Uri.UnescapeDataString(value), body, request.Caller, request.Param("updateOnly") == "true");
        }

        if (result.Matches.Count > 1)
        {
            return ApiResponse.Json(300, w =>
            {
                w.WriteStartArray();
                foreach (var id in result.Matches)
                {
                    w.WriteStringValue($"/services/data/v{request.Version}/sobjects/{type.Name}/{id}");
                }

                w.WriteEndArray();
            });
        }

        var save = result.Save;
        if (!save.Succeeded)
        {
            return ApiResponse.Errors(RestApi.StatusOf(save.Errors), save.Errors);
        }

        var version = decimal.Parse(request.Version, CultureInfo.InvariantCulture);
        if (!save.Created && version < 46.0m)
        {
            return ApiResponse.NoContent;
        }

        return ApiResponse.Json(save.Created ? 201 : 200, w => WriteSaveResult(w, save.Row!.Id, save.Created), Location(request, type, save.Row!.Id));
    }

    private ApiResponse ByExternalId(ApiRequest request, ObjectDefinition type, string fieldName, string value, bool remove)
    {
        if (ExternalIdField(type, fieldName) is not { } key)
        {
            return ApiResponse.Error(404, new SalesforceError("NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}"));
        }

        lock (org.Store.Sync)
        {
            var text = Uri.UnescapeDataString(value);
            var matches = key.Name == "Id"
                ? (org.Store.Get(text) is { IsDeleted: false } row && row.Type == type ? [row] : [])
                : org.Store.FindBy(type, key, text);
            if (matches.Count == 0)
            {
                return RestApi.NotFound();
            }

            if (matches.Count > 1)
            {
                return ApiResponse.Json(300, w =>
                {
                    w.WriteStartArray();
                    foreach (var match in matches)
                    {
                        w.WriteStringValue($"/services/data/v{request.Version}/sobjects/{type.Name}/{match.Id}");
                    }

                    w.WriteEndArray();
                });
            }

            if (remove)
            {
                var result = org.Writer.Delete(type, matches[0].Id, request.Caller, inCollection: false);
                return result.Succeeded ? ApiResponse.NoContent : ApiResponse.Errors(RestApi.StatusOf(result.Errors), result.Errors);
            }

            var fields = Fields(request, type);
            return ApiResponse.Json(200, w => RecordJson.WriteRecord(w, matches[0], request.Version, Options(request), fields), LastModified(matches[0]));
        }
    }

    private ApiResponse Blob(ObjectDefinition type, string id, FieldDefinition field)
    {
        lock (org.Store.Sync)
        {
            return org.Store.Get(id) is { IsDeleted: false } row && row.Type == type && row[field] is byte[] bytes
                ? new ApiResponse(200, bytes, ContentType: "application/octetstream")
                : RestApi.NotFound();
        }
    }

    private static (JsonElement Body, IReadOnlyDictionary<FieldDefinition, object?>? Preset) ReadMultipart(ApiRequest request, ObjectDefinition type)
    {
        var boundary = HeaderUtilities.RemoveQuotes(MediaTypeHeaderValue.Parse(request.ContentType).Boundary).Value
            ?? throw new SalesforceException(400, new SalesforceError("INVALID_MULTIPART_REQUEST", "The multipart request has no boundary."));
        var reader = new MultipartReader(boundary, new MemoryStream(request.Body.ToArray()));
        JsonElement? entity = null;
        var preset = new Dictionary<FieldDefinition, object?>();
        while (reader.ReadNextSectionAsync().GetAwaiter().GetResult() is { } section)
        {
            var disposition = ContentDispositionHeaderValue.Parse(section.ContentDisposition);
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            using var content = new MemoryStream();
            section.Body.CopyTo(content);
            if (name.StartsWith("entity_", StringComparison.Ordinal))
            {
                using var document = JsonDocument.Parse(content.ToArray());
                entity = document.RootElement.Clone();
            }
            else if (type.Field(name) is { Type: SfType.Base64 } blob)
            {
                preset[blob] = content.ToArray();
            }
        }

        return entity is { } body
            ? (body, preset)
            : throw new SalesforceException(400, new SalesforceError("INVALID_MULTIPART_REQUEST", "The multipart request has no entity part (entity_content)."));
    }

    private static FieldDefinition? ExternalIdField(ObjectDefinition type, string name) =>
        type.Field(name) is { } field && (field.ExternalId || field.IdLookup) ? field : null;

    private static List<FieldDefinition>? Fields(ApiRequest request, ObjectDefinition type)
    {
        if (request.Param("fields") is not { Length: > 0 } list)
        {
            return null;
        }

        return [.. list.Split(',').Select(name => type.Field(name.Trim())
            ?? throw new SalesforceException(400, SalesforceError.InvalidField(name.Trim(), type.Name)))];
    }

    private static ValueOptions Options(ApiRequest request) => new(request.Caller.User.Permissions.ViewEncryptedData);

    private static void WriteSaveResult(Utf8JsonWriter w, string id, bool? created)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteBoolean("success", true);
        w.WriteStartArray("errors");
        w.WriteEndArray();
        if (created is { } flag)
        {
            w.WriteBoolean("created", flag);
        }

        w.WriteEndObject();
    }

    private static Dictionary<string, string> Location(ApiRequest request, ObjectDefinition type, string id) =>
        new() { ["Location"] = $"/services/data/v{request.Version}/sobjects/{type.Name}/{id}" };

    private static Dictionary<string, string> LastModified(RecordRow row) =>
        row["SystemModstamp"] is DateTimeOffset modified ? new() { ["Last-Modified"] = modified.ToString("R", CultureInfo.InvariantCulture) } : [];

    private static Dictionary<string, string> CacheHeaders(DateTimeOffset lastModified) => new()
    {
        ["Last-Modified"] = lastModified.ToString("R", CultureInfo.InvariantCulture),
        ["ETag"] = "\"" + Convert.ToHexString(Encoding.UTF8.GetBytes(lastModified.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture))) + "\"",
    };

    private static bool NotModifiedSince(ApiRequest request, DateTimeOffset lastModified) =>
        request.Header("If-Modified-Since") is { } since
        && DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sinceDate)
        && lastModified <= sinceDate;
}
