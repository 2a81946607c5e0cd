using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>
/// Composite (up to 25 subrequests, <c>@{ref.path}</c> chaining, allOrNone) and Composite Batch. Either counts as one
/// API call: subrequests are dispatched internally, not over HTTP.
/// </summary>
internal sealed partial class CompositeApi(EmulatedOrg org, RestApi api)
{
    private const int MaxSubrequests = 25;
    private const string Halted = "The transaction was rolled back since another operation in the same transaction failed.";

    public ApiResponse Composite(ApiRequest request)
    {
        var body = request.Json();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("compositeRequest", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return ApiResponse.Error(400, new SalesforceError("JSON_PARSER_ERROR", "The request body must contain a compositeRequest array."));
        }

        var subrequests = list.EnumerateArray().ToList();
        if (subrequests.Count > MaxSubrequests)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_BATCH_REQUEST", $"Exceeded max limit of subrequests allowed in a composite request: {MaxSubrequests}"));
        }

        var references = subrequests.Select(s => s.TryGetProperty("referenceId", out var r) ? r.GetString() : null).ToList();
        if (references.Exists(string.IsNullOrEmpty) || references.Distinct(StringComparer.Ordinal).Count() != references.Count)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_INPUT", "Every subrequest needs a unique referenceId."));
        }

        var allOrNone = body.TryGetProperty("allOrNone", out var flag) && flag.ValueKind == JsonValueKind.True;
        var outcomes = new List<(string ReferenceId, ApiResponse Response)>();
        var bodies = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        lock (org.Store.Sync)
        {
            org.Store.Begin();
            foreach (var subrequest in subrequests)
            {
                var referenceId = subrequest.GetProperty("referenceId").GetString()!;
                var response = Execute(request, subrequest, bodies);
                outcomes.Add((referenceId, response));
                if (response.Status < 300 && response.Body is { Length: > 0 } bytes)
                {
                    using var document = JsonDocument.Parse(bytes);
                    bodies[referenceId] = document.RootElement.Clone();
                }

                if (allOrNone && response.Status >= 400)
                {
                    break;
                }
            }

            if (allOrNone && outcomes.Exists(o => o.Response.Status >= 400))
            {
                org.Store.Rollback();
                var failed = outcomes.Find(o => o.Response.Status >= 400).ReferenceId;
                var halted = ApiResponse.Error(400, new SalesforceError("PROCESSING_HALTED", Halted));
                outcomes = [.. references.Select(r => (r!, r == failed ? outcomes.Find(o => o.ReferenceId == r).Response : halted))];
            }
            else
            {
                org.Store.Commit();
            }
        }

        return ApiResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("compositeResponse");
            foreach (var (referenceId, response) in outcomes)
            {
                w.WriteStartObject();
                w.WritePropertyName("body");
                if (response.Body is { Length: > 0 } bytes && response.ContentType.StartsWith("application/json", StringComparison.Ordinal))
                {
                    w.WriteRawValue(bytes);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteStartObject("httpHeaders");
                foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
                w.WriteNumber("httpStatusCode", response.Status);
                w.WriteString("referenceId", referenceId);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    public ApiResponse Batch(ApiRequest request)
    {
        var body = request.Json();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("batchRequests", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return ApiResponse.Error(400, new SalesforceError("JSON_PARSER_ERROR", "The request body must contain a batchRequests array."));
        }

        var batch = list.EnumerateArray().ToList();
        if (batch.Count > MaxSubrequests)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_BATCH_REQUEST", $"Exceeded max limit of subrequests allowed in a batch request: {MaxSubrequests}"));
        }

        var haltOnError = body.TryGetProperty("haltOnError", out var halt) && halt.ValueKind == JsonValueKind.True;
        var results = new List<ApiResponse>();
        var halted = false;
        foreach (var item in batch)
        {
            if (halted)
            {
                results.Add(ApiResponse.Error(412, new SalesforceError("BATCH_PROCESSING_HALTED", "Batch processing halted per request")));
                continue;
            }

            var response = Dispatch(request, item.GetProperty("method").GetString() ?? "GET", "/services/data/" + (item.GetProperty("url").GetString() ?? "").TrimStart('/'),
                item.TryGetProperty("richInput", out var input) ? Encoding.UTF8.GetBytes(input.GetRawText()) : []);
            results.Add(response);
            halted = haltOnError && response.Status >= 400;
        }

        return ApiResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("hasErrors", results.Exists(r => r.Status >= 400));
            w.WriteStartArray("results");
            foreach (var result in results)
            {
                w.WriteStartObject();
                w.WriteNumber("statusCode", result.Status);
                w.WritePropertyName("result");
                if (result.Body is { Length: > 0 } bytes && result.ContentType.StartsWith("application/json", StringComparison.Ordinal))
                {
                    w.WriteRawValue(bytes);
                }
                else
                {
                    w.WriteNullValue();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private ApiResponse Execute(ApiRequest parent, JsonElement subrequest, Dictionary<string, JsonElement> bodies)
    {
        try
        {
            var method = subrequest.TryGetProperty("method", out var m) ? m.GetString() ?? "GET" : "GET";
            var url = Substitute(subrequest.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "", bodies, jsonEscape: false);
            var body = subrequest.TryGetProperty("body", out var b) && b.ValueKind != JsonValueKind.Null
                ? Encoding.UTF8.GetBytes(Substitute(b.GetRawText(), bodies, jsonEscape: true))
                : [];
            return Dispatch(parent, method, url, body);
        }
        catch (SalesforceException ex)
        {
            return ApiResponse.Errors(ex.Status, ex.Errors);
        }
    }

    private ApiResponse Dispatch(ApiRequest parent, string method, string url, byte[] body)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var query = question < 0
            ? new Dictionary<string, string>()
            : QueryHelpers.ParseQuery(url[question..]).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 3 || segments[0] != "services" || segments[1] != "data"
            || !RestApi.TryParseVersion(segments[2], org.MaxApiVersion, out var version) || (segments.Length > 3 && segments[3] == "composite" && segments.Length == 4))
        {
            return RestApi.NotFound();
        }

        var request = parent with
        {
            Method = method.ToUpperInvariant(),
            Version = version,
            Segments = [.. segments.Skip(3).Select(Uri.UnescapeDataString)],
            Query = query,
            Body = body,
            ContentType = "application/json",
        };
        return api.Handle(request);
    }

    /// <summary>Replaces <c>@{referenceId.path}</c> with values from earlier subresponses.</summary>
    private static string Substitute(string text, Dictionary<string, JsonElement> bodies, bool jsonEscape) =>
        ReferencePattern().Replace(text, match =>
        {
            var reference = match.Groups[1].Value;
            var value = bodies.TryGetValue(reference, out var body) ? Navigate(body, match.Groups[2].Value) : null;
            if (value is null)
            {
                throw new SalesforceException(400, new SalesforceError("PROCESSING_HALTED",
                    $"Invalid reference specified. No value for {reference}.{match.Groups[2].Value} found in {reference}. Provided referenceId ('{reference}') must be an object resource and the field must exist in the object."));
            }

            return jsonEscape ? JsonEncodedText.Encode(value).ToString() : Uri.EscapeDataString(value);
        });

    private static string? Navigate(JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            var name = part;
            int? index = null;
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            if (bracket >= 0 && int.TryParse(part[(bracket + 1)..^1], out var i))
            {
                name = part[..bracket];
                index = i;
            }

            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }

            if (index is { } position)
            {
                if (element.ValueKind != JsonValueKind.Array || position >= element.GetArrayLength())
                {
                    return null;
                }

                element = element[position];
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element.GetRawText(),
        };
    }

    [GeneratedRegex(@"@\{([A-Za-z0-9_]+)\.([^}]+)\}")]
    private static partial Regex ReferencePattern();
}
