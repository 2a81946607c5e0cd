using System.Text.Json;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>A REST request below <c>/services/data/vXX.X/</c>, from HTTP or from a Composite subrequest.</summary>
internal sealed record ApiRequest(
    string Method,
    string Version,
    IReadOnlyList<string> Segments,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Body,
    string? ContentType,
    Caller Caller,
    string BaseUrl)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public string? Param(string name) => Query.GetValueOrDefault(name);

    public string Path => string.Join('/', Segments);

    /// <summary>The body as JSON; malformed JSON is Salesforce's JSON_PARSER_ERROR with the line and column.</summary>
    public JsonElement Json()
    {
        if (Body.IsEmpty)
        {
            throw new SalesforceException(400, SalesforceError.JsonParser("No content to map due to end-of-input at [line:1, column:0]"));
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new SalesforceException(400, SalesforceError.JsonParser(
                $"Unexpected character in JSON at [line:{(ex.LineNumber ?? 0) + 1}, column:{(ex.BytePositionInLine ?? 0) + 1}]"));
        }
    }
}

/// <summary>What a REST handler answers: status, optional JSON (or binary) body, extra headers.</summary>
internal sealed record ApiResponse(int Status, byte[]? Body = null, IReadOnlyDictionary<string, string>? Headers = null, string ContentType = "application/json;charset=UTF-8")
{
    public static ApiResponse Json(int status, Action<Utf8JsonWriter> write, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, JsonBytes.Write(write), headers);

    public static ApiResponse Errors(int status, IEnumerable<SalesforceError> errors) =>
        Json(status, w => Salesforce.Json.RecordJson.WriteErrors(w, errors));

    public static ApiResponse Error(int status, SalesforceError error) => Errors(status, [error]);

    public static ApiResponse NoContent { get; } = new(204);
}

internal static class JsonBytes
{
    // Salesforce does not escape quotes, plus signs or non-ASCII text; neither do we.
    private static readonly JsonWriterOptions Options = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
