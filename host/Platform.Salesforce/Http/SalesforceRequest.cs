using System.Net.Http.Headers;

namespace Platform.Salesforce;

/// <summary>One REST request. Paths not starting with <c>/</c> are relative to <c>/services/data/vXX.X/</c>.</summary>
internal sealed record SalesforceRequest(HttpMethod Method, string Path)
{
    public byte[]? Body { get; init; }

    public string ContentType { get; init; } = "application/json";

    /// <summary>Builds a streamed body (a multipart upload) for each attempt, instead of <see cref="Body"/>.</summary>
    public Func<HttpContent>? Content { get; init; }

    /// <summary>
    /// Safe to send twice: reads, updates, deletes, upserts. A create is not: when its answer is lost it may have
    /// happened, so it is retried only after failures that prove it did not (503, 500, UNABLE_TO_LOCK_ROW, refused connections).
    /// </summary>
    public bool Idempotent { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Sent even when the budget is spent: the one probe that learns whether usage has fallen again.</summary>
    public bool BypassBudget { get; init; }

    public string Accept { get; init; } = "application/json";
}

/// <summary>A successful (or 300/304) answer.</summary>
internal sealed record SalesforceResponse(int Status, byte[] Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public string? Header(string name) =>
        Headers.TryGetValues(name, out var values) || ContentHeaders.TryGetValues(name, out values) ? values.FirstOrDefault() : null;
}
