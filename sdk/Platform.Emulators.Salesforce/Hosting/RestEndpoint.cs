using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Platform.Emulators.Salesforce.Api;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Hosting;

/// <summary>
/// The HTTP side of <c>/services/data</c>: version, bearer token, API permission, daily allocation, injected faults,
/// dispatch, and <c>Sforce-Limit-Info</c> on every answer.
/// </summary>
internal sealed class RestEndpoint(EmulatedOrg org, SalesforceEmulatorOptions options)
{
    /// <summary>Bulk API 2.0 accepts up to 150 MB of CSV per upload.</summary>
    private const long BulkUploadBytes = 150L * 1024 * 1024;

    private readonly RestApi _api = new(org);

    public async Task HandleAsync(HttpContext context, string? path)
    {
        var segments = (path ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = context.Request.Method;
        var requestPath = context.Request.Path.Value ?? "";
        if (segments.Length == 0 || !RestApi.TryParseVersion(segments[0], org.MaxApiVersion, out var version))
        {
            await WriteAsync(context, RestApi.NotFound(), counted: false, null);
            return;
        }

        var session = Authenticate(context);
        var user = session is null ? null : org.FindUserById(session.UserId);
        if (user is null || org.Faults.Next(method, requestPath) is var fault && fault == FaultKind.InvalidSession)
        {
            context.Response.Headers.WWWAuthenticate = "Token";
            await WriteAsync(context, ApiResponse.Error(401, new SalesforceError("INVALID_SESSION_ID", "Session expired or invalid")), counted: false, user?.UserId);
            return;
        }

        if (!user.Permissions.ApiEnabled)
        {
            await WriteAsync(context, ApiResponse.Error(403, new SalesforceError("API_DISABLED_FOR_ORG", "The REST API is not enabled for this Organization.")), counted: false, user.UserId);
            return;
        }

        if (fault == FaultKind.RequestLimitExceeded || org.Usage.TryCount() is null)
        {
            await WriteAsync(context, ApiResponse.Error(403, new SalesforceError("REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.")), counted: false, user.UserId);
            return;
        }

        switch (fault)
        {
            case FaultKind.DropConnection:
                org.Calls.Add(org.Clock.UtcNow, method, requestPath, 0, counted: true, Client(context), user.UserId);
                context.Abort();
                return;
            case FaultKind.Latency:
                await Task.Delay(org.Faults.Rules.FirstOrDefault(r => r.Kind == FaultKind.Latency)?.LatencyMilliseconds ?? 500, context.RequestAborted);
                break;
            case FaultKind.ServerError:
                await WriteAsync(context, ApiResponse.Error(500, new SalesforceError("UNKNOWN_EXCEPTION", "An unexpected error occurred. Please include this ErrorId if you contact support: 1180735932-17244 (-1512437392)")), counted: true, user.UserId);
                return;
            case FaultKind.ServiceUnavailable:
                await WriteAsync(context, ApiResponse.Error(503, new SalesforceError("SERVER_UNAVAILABLE", "Server temporarily unavailable")), counted: true, user.UserId);
                return;
            case FaultKind.UnableToLockRow:
                await WriteAsync(context, ApiResponse.Error(400, new SalesforceError("UNABLE_TO_LOCK_ROW", "unable to obtain exclusive access to this record or 1 records", [])), counted: true, user.UserId);
                return;
        }

        byte[] body;
        try
        {
            body = await ReadBodyAsync(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteAsync(context, ApiResponse.Error(413, new SalesforceError("REQUEST_ENTITY_TOO_LARGE", $"The request body is larger than the {options.MaxJsonBodyBytes / (1024 * 1024)} MB the REST API accepts.")), counted: true, user.UserId);
            return;
        }

        var request = new ApiRequest(
            method,
            version,
            [.. segments.Skip(1).Select(Uri.UnescapeDataString)],
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body,
            context.Request.ContentType,
            new Caller(user, Client(context), AllowDuplicateSave(context), version),
            $"{context.Request.Scheme}://{context.Request.Host}");
        await WriteAsync(context, _api.Handle(request), counted: true, user.UserId);
    }

    private TokenService.Session? Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim()
            : header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase) ? header[6..].Trim()
            : null;
        return token is null ? null : org.Tokens.Find(token);
    }

    private async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "";
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = contentType.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ? options.MaxMultipartBodyBytes
                : contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ? BulkUploadBytes
                : options.MaxJsonBodyBytes;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private async Task WriteAsync(HttpContext context, ApiResponse response, bool counted, string? userId)
    {
        org.Calls.Add(org.Clock.UtcNow, context.Request.Method, context.Request.Path.Value ?? "", response.Status, counted, Client(context), userId);
        context.Response.StatusCode = response.Status;
        context.Response.Headers["Sforce-Limit-Info"] = $"api-usage={org.Usage.Used}/{org.Usage.DailyLimit}";
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is { } bytes)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        }
    }

    /// <summary>The client id from <c>Sforce-Call-Options: client=…</c>.</summary>
    private static string? Client(HttpContext context) =>
        context.Request.Headers["Sforce-Call-Options"].ToString().Split(',')
            .Select(p => p.Trim())
            .FirstOrDefault(p => p.StartsWith("client=", StringComparison.OrdinalIgnoreCase))?["client=".Length..];

    private static bool AllowDuplicateSave(HttpContext context) =>
        context.Request.Headers["Sforce-Duplicate-Rule-Header"].ToString().Replace(" ", "", StringComparison.Ordinal)
            .Contains("allowSave=true", StringComparison.OrdinalIgnoreCase);

    public static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json;charset=UTF-8";
        return context.Response.Body.WriteAsync(JsonBytes.Write(write), context.RequestAborted).AsTask();
    }
}
