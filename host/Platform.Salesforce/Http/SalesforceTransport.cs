using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Platform.Salesforce;

/// <summary>
/// Sends REST requests: checks the API budget, adds the session token and <c>Sforce-Call-Options</c>, reads
/// <c>Sforce-Limit-Info</c>, renews the session once on 401, and retries transient failures with bounded, jittered
/// exponential backoff. Never logs tokens or bodies.
/// </summary>
internal sealed partial class SalesforceTransport(
    HttpClient http, SalesforceConnectionOptions options, SessionCache sessions, ApiBudget budget, TimeProvider time, ILogger logger)
{
    private int _calls;

    /// <summary>API requests sent so far (token requests excluded).</summary>
    public int Calls => Volatile.Read(ref _calls);

    public async Task<SalesforceResponse> SendAsync(SalesforceRequest request, CancellationToken cancellationToken)
    {
        var session = await sessions.GetAsync(cancellationToken);
        var renewed = false;
        var attempt = 0;
        while (true)
        {
            attempt++;
            if (!request.BypassBudget)
            {
                budget.EnsureAvailable();
            }

            HttpResponseMessage response;
            try
            {
                using var message = Build(request, session);
                Interlocked.Increment(ref _calls);
                response = await http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A refused connection never reached Salesforce; a reset or timeout after sending may have been processed.
                var neverSent = ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError };
                if (attempt < options.Retry.MaxAttempts && (request.Idempotent || neverSent))
                {
                    await BackOffAsync(request, attempt, ex.GetType().Name, cancellationToken);
                    continue;
                }

                throw new SalesforceException(
                    $"Salesforce {request.Method} {Describe(request)} got no answer after {attempt} attempt(s): {ex.Message}",
                    0, [], SalesforceErrorKind.Transient, outcomeUnknown: !neverSent && !request.Idempotent, ex);
            }

            using (response)
            {
                budget.Observe(response.Headers.TryGetValues("Sforce-Limit-Info", out var limit) ? limit.FirstOrDefault() : null);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var status = (int)response.StatusCode;
                if (status < 400)
                {
                    return new SalesforceResponse(status, body, response.Headers, response.Content.Headers);
                }

                var errors = ParseErrors(body);
                var code = errors.Count > 0 ? errors[0].ErrorCode : null;
                if (status == (int)HttpStatusCode.Unauthorized && !renewed)
                {
                    // The session expired: renew it once (single flight across callers) and repeat the request.
                    session = await sessions.RenewAsync(session, cancellationToken);
                    renewed = true;
                    attempt--;
                    continue;
                }

                var kind = SalesforceErrors.Classify(code, status);
                if (kind == SalesforceErrorKind.Transient && attempt < options.Retry.MaxAttempts)
                {
                    await BackOffAsync(request, attempt, code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                    continue;
                }

                throw new SalesforceException(
                    $"Salesforce {request.Method} {Describe(request)} failed with {status}{(code is null ? "" : $" {code}")}: {(errors.Count > 0 ? errors[0].Message : "no error detail")}",
                    status, errors, kind);
            }
        }
    }

    /// <summary>Parses Salesforce's error array (or OAuth's error object) into errors.</summary>
    internal static IReadOnlyList<SalesforceError> ParseErrors(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().ToList() : [root];
            return [.. items.Where(e => e.ValueKind == JsonValueKind.Object).Select(e => new SalesforceError(
                Text(e, "errorCode") ?? Text(e, "statusCode") ?? Text(e, "error") ?? "UNKNOWN",
                Text(e, "message") ?? Text(e, "error_description") ?? "",
                e.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array ? [.. fields.EnumerateArray().Select(f => f.GetString() ?? "")] : []))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private HttpRequestMessage Build(SalesforceRequest request, SalesforceSession session)
    {
        var uri = request.Path.StartsWith('/')
            ? new Uri(session.InstanceUrl, request.Path)
            : new Uri(session.InstanceUrl, $"/services/data/v{options.ApiVersion}/{request.Path}");
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", session.AccessToken);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Accept));
        message.Headers.TryAddWithoutValidation("Sforce-Call-Options", "client=" + options.ClientName);
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Content is { } content)
        {
            message.Content = content();
        }
        else if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        }

        return message;
    }

    private async Task BackOffAsync(SalesforceRequest request, int attempt, string reason, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(options.Retry.MaxDelay.TotalMilliseconds, options.Retry.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        var delay = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
        LogRetry(request.Method.Method, Describe(request), reason, attempt, delay.TotalMilliseconds);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>The path without its query string: queries can carry record data, which stays out of logs and messages.</summary>
    private static string Describe(SalesforceRequest request)
    {
        var question = request.Path.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? request.Path : request.Path[..question];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce {Method} {Path} failed transiently ({Reason}) on attempt {Attempt}; retrying in {DelayMs:F0} ms")]
    private partial void LogRetry(string method, string path, string reason, int attempt, double delayMs);
}
