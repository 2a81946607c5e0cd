using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Platform.Emulators.Hosting;

/// <summary>What the emulated JSON APIs share: reading a request body and answering an error as <c>{ "message": … }</c>.</summary>
public static class JsonApi
{
    /// <summary>The request's JSON body; <see langword="null"/> when it is empty or not JSON (the caller answers 400).</summary>
    public static async Task<JsonNode?> BodyAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>An error answer with the status and the vendor-style message body.</summary>
    public static IResult Error(int status, string message) => Results.Json(new { message }, statusCode: status);
}
