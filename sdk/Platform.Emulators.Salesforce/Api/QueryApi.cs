using System.Globalization;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Soql;

namespace Platform.Emulators.Salesforce.Api;

/// <summary><c>/query</c> and <c>/queryAll</c>: the first page, then further pages through <c>nextRecordsUrl</c>.</summary>
internal sealed class QueryApi(EmulatedOrg org)
{
    public ApiResponse Route(ApiRequest request, bool queryAll)
    {
        if (request.Method != "GET")
        {
            return RestApi.MethodNotAllowed(request, "GET,HEAD");
        }

        if (request.Segments.Count == 2)
        {
            return NextPage(request, request.Segments[1]);
        }

        if (request.Segments.Count > 2)
        {
            return RestApi.NotFound();
        }

        if (request.Param("q") is not { Length: > 0 } soql)
        {
            return ApiResponse.Error(400, new SalesforceError("MALFORMED_QUERY", "A query string has to be specified"));
        }

        lock (org.Store.Sync)
        {
            var caller = request.Caller;
            var result = SoqlEngine.Run(soql, org.Store, queryAll, type => RestApi.CanRead(caller, type));
            var batch = BatchSize(request);
            var locator = !result.CountOnly && result.Rows.Count > batch ? org.Cursors.Open(result, batch, queryAll) : null;
            return Page(request, result, 0, batch, locator, queryAll);
        }
    }

    private ApiResponse NextPage(ApiRequest request, string segment)
    {
        var dash = segment.LastIndexOf('-');
        if (dash <= 0 || !int.TryParse(segment[(dash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || org.Cursors.Find(segment[..dash]) is not { } cursor || offset > cursor.Result.Rows.Count)
        {
            return ApiResponse.Error(400, new SalesforceError("INVALID_QUERY_LOCATOR", "invalid query locator"));
        }

        lock (org.Store.Sync)
        {
            return Page(request, cursor.Result, offset, cursor.BatchSize, segment[..dash], cursor.QueryAll);
        }
    }

    private ApiResponse Page(ApiRequest request, QueryResult result, int offset, int batch, string? locator, bool queryAll) => ApiResponse.Json(200, w =>
    {
        var end = Math.Min(result.Rows.Count, offset + batch);
        var done = end >= result.Rows.Count;
        w.WriteStartObject();
        w.WriteNumber("totalSize", result.TotalSize);
        w.WriteBoolean("done", done);
        if (!done)
        {
            w.WriteString("nextRecordsUrl", $"/services/data/v{request.Version}/{(queryAll ? "queryAll" : "query")}/{locator}-{end.ToString(CultureInfo.InvariantCulture)}");
        }

        w.WriteStartArray("records");
        var options = new ValueOptions(request.Caller.User.Permissions.ViewEncryptedData);
        for (var i = offset; i < end; i++)
        {
            result.Projection.Write(w, result.Rows[i], org.Store, request.Version, options);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>Sforce-Query-Options: batchSize=N, clamped to Salesforce's 200–2,000.</summary>
    private int BatchSize(ApiRequest request)
    {
        var header = request.Header("Sforce-Query-Options");
        var option = header?.Split(',').Select(p => p.Trim()).FirstOrDefault(p => p.StartsWith("batchSize=", StringComparison.OrdinalIgnoreCase));
        return option is not null && int.TryParse(option["batchSize=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            ? Math.Clamp(size, 200, 2000)
            : org.Settings.QueryBatchSize;
    }
}
