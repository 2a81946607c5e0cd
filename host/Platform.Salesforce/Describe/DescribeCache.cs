using System.Collections.Concurrent;
using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>
/// Describes, kept for <see cref="SalesforceConnectionOptions.DescribeFreshness"/> without a call, then revalidated with
/// <c>If-Modified-Since</c> (a 304 costs one call but no metadata transfer).
/// </summary>
internal sealed class DescribeCache(SalesforceTransport transport, TimeSpan freshness, TimeProvider time) : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SObjectDescribe> GetAsync(string objectName, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(objectName, out var entry) && time.GetUtcNow() - entry.CheckedAt < freshness)
        {
            return entry.Describe;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_entries.TryGetValue(objectName, out entry) && time.GetUtcNow() - entry.CheckedAt < freshness)
            {
                return entry.Describe;
            }

            var request = new SalesforceRequest(HttpMethod.Get, $"sobjects/{Uri.EscapeDataString(objectName)}/describe")
            {
                Idempotent = true,
                Headers = entry?.LastModified is { } since ? new Dictionary<string, string> { ["If-Modified-Since"] = since } : null,
            };
            var response = await transport.SendAsync(request, cancellationToken);
            if (response.Status == 304 && entry is not null)
            {
                _entries[objectName] = entry with { CheckedAt = time.GetUtcNow() };
                return entry.Describe;
            }

            var describe = JsonSerializer.Deserialize<SObjectDescribe>(response.Body, Json)!;
            _entries[objectName] = new Entry(describe, response.Header("Last-Modified"), time.GetUtcNow());
            return describe;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Forgets a describe (after a schema change the caller knows about).</summary>
    public void Invalidate(string objectName) => _entries.TryRemove(objectName, out _);

    private sealed record Entry(SObjectDescribe Describe, string? LastModified, DateTimeOffset CheckedAt);
}
