using System.Globalization;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;
using Platform.Emulators.Salesforce.Soql;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>Routes REST requests below <c>/services/data/vXX.X/</c> to their handlers and turns failures into Salesforce's error shapes.</summary>
internal sealed class RestApi
{
    private static readonly string[] ResourceNames = ["sobjects", "query", "queryAll", "limits", "composite", "jobs"];
    private readonly EmulatedOrg _org;
    private readonly SObjectsApi _sobjects;
    private readonly QueryApi _query;
    private readonly CollectionsApi _collections;
    private readonly CompositeApi _composite;
    private readonly BulkApi _bulk;

    public RestApi(EmulatedOrg org)
    {
        _org = org;
        _sobjects = new SObjectsApi(org);
        _query = new QueryApi(org);
        _collections = new CollectionsApi(org);
        _composite = new CompositeApi(org, this);
        _bulk = new BulkApi(org);
    }

    public ApiResponse Handle(ApiRequest request)
    {
        try
        {
            return Route(request);
        }
        catch (SalesforceException ex)
        {
            return ApiResponse.Errors(ex.Status, ex.Errors);
        }
        catch (SoqlException ex)
        {
            return ApiResponse.Error(400, ex.ToError());
        }
        catch (SchemaException ex)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_FIELD", ex.Message));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return ApiResponse.Error(500, new SalesforceError("UNKNOWN_EXCEPTION",
                $"An unexpected error occurred. Please include this ErrorId if you contact support: {Math.Abs(ex.GetHashCode())}-{Environment.TickCount64 % 100000} ({ex.GetType().Name}: {ex.Message})"));
        }
    }

    /// <summary>The status Salesforce gives a failed single-record write.</summary>
    public static int StatusOf(IReadOnlyList<SalesforceError> errors) => errors[0].ErrorCode switch
    {
        "NOT_FOUND" or "ENTITY_IS_DELETED" => 404,
        "INSUFFICIENT_ACCESS_OR_READONLY" => 403,
        _ => 400,
    };

    public static ApiResponse MethodNotAllowed(ApiRequest request, string allowed) =>
        ApiResponse.Error(405, new SalesforceError("METHOD_NOT_ALLOWED", $"HTTP Method '{request.Method}' not allowed. Allowed are {allowed}"));

    public static ApiResponse NotFound() => ApiResponse.Error(404, SalesforceError.NotFound());

    private ApiResponse Route(ApiRequest request)
    {
        var segments = request.Segments;
        if (segments.Count == 0)
        {
            return request.Method == "GET" ? Resources(request) : MethodNotAllowed(request, "GET,HEAD");
        }

        return segments[0] switch
        {
            "sobjects" => _sobjects.Route(request),
            "query" => _query.Route(request, queryAll: false),
            "queryAll" => _query.Route(request, queryAll: true),
            "limits" when segments.Count == 1 => request.Method == "GET" ? Limits() : MethodNotAllowed(request, "GET,HEAD"),
            "composite" when segments.Count == 1 => request.Method == "POST" ? _composite.Composite(request) : MethodNotAllowed(request, "POST"),
            "composite" when segments[1] == "batch" && segments.Count == 2 => request.Method == "POST" ? _composite.Batch(request) : MethodNotAllowed(request, "POST"),
            "composite" when segments[1] == "sobjects" => _collections.Route(request),
            "jobs" => _bulk.Route(request),
            _ => NotFound(),
        };
    }

    private ApiResponse Resources(ApiRequest request) => ApiResponse.Json(200, w =>
    {
        var prefix = $"/services/data/v{request.Version}";
        w.WriteStartObject();
        foreach (var name in ResourceNames)
        {
            w.WriteString(name, $"{prefix}/{name}");
        }

        w.WriteString("identity", $"/id/{_org.OrgId}/{request.Caller.User.UserId}");
        w.WriteEndObject();
    });

    private ApiResponse Limits()
    {
        var max = _org.Usage.DailyLimit;
        var remaining = Math.Max(0, max - _org.Usage.Used);
        (string Name, int Max, int Remaining)[] limits =
        [
            ("ConcurrentAsyncGetReportInstances", 200, 200),
            ("ConcurrentSyncReportRuns", 20, 20),
            ("DailyApiRequests", max, remaining),
            ("DailyAsyncApexExecutions", 250000, 250000),
            ("DailyBulkApiBatches", 15000, 15000),
            ("DailyBulkV2QueryFileStorageMB", 976562, 976562),
            ("DailyBulkV2QueryJobs", 10000, 10000),
            ("DailyGenericStreamingApiEvents", 10000, 10000),
            ("DailyStreamingApiEvents", 10000, 10000),
            ("DataStorageMB", 5, 5),
            ("FileStorageMB", 20, 20),
            ("HourlyODataCallout", 10000, 10000),
            ("SingleEmail", 15, 15),
        ];
        return ApiResponse.Json(200, w =>
        {
            w.WriteStartObject();
            foreach (var (name, limitMax, limitRemaining) in limits)
            {
                w.WriteStartObject(name);
                w.WriteNumber("Max", limitMax);
                w.WriteNumber("Remaining", limitRemaining);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
    }

    /// <summary>The API versions the org serves (GET /services/data), labelled with their releases.</summary>
    public static ApiResponse Versions(decimal maxVersion) => ApiResponse.Json(200, w =>
    {
        string[] seasons = ["Summer", "Winter", "Spring"];
        w.WriteStartArray();
        for (var version = 31; version <= (int)maxVersion; version++)
        {
            var index = version - 31;
            var text = version.ToString(CultureInfo.InvariantCulture) + ".0";
            w.WriteStartObject();
            w.WriteString("label", $"{seasons[index % 3]} '{14 + ((index + 2) / 3):00}");
            w.WriteString("url", $"/services/data/v{text}");
            w.WriteString("version", text);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    });

    /// <summary>Whether a path's <c>vXX.X</c> names a version the org serves.</summary>
    public static bool TryParseVersion(string segment, decimal maxVersion, out string version)
    {
        version = segment.Length > 1 && segment[0] == 'v' ? segment[1..] : "";
        return decimal.TryParse(version, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && version.Contains('.', StringComparison.Ordinal) && number >= 31.0m && number <= maxVersion;
    }

    public static bool CanRead(Caller caller, ObjectDefinition type) => type.Queryable && caller.User.Permissions.Can(type, 'R');
}
