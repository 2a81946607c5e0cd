using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Sdk;

namespace Platform.Connectors.Sample;

/// <summary>The sample app's REST API: a change feed per entity, single reads, and batch writes with idempotency keys.</summary>
internal sealed class SampleAppClient(HttpClient http, Uri baseUrl) : IAppClient
{
    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var page = await Send<JsonElement>(HttpMethod.Get, $"{entity}/changes?after={cursor ?? "0"}&limit={maxCount}", null, cancellationToken);
        var changes = page.GetProperty("changes").EnumerateArray().Select(c => new AppChange
        {
            Id = c.GetProperty("id").GetString()!,
            Kind = c.GetProperty("deleted").GetBoolean() ? AppChangeKind.Deleted : AppChangeKind.Upserted,
            OccurredAt = c.GetProperty("modifiedAt").GetDateTimeOffset(),
            Record = c.GetProperty("deleted").GetBoolean() ? null : Record(c),
        }).ToArray();
        return new AppChangePage { Changes = changes, Cursor = page.GetProperty("cursor").GetString(), HasMore = page.GetProperty("hasMore").GetBoolean() };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(baseUrl, $"{entity}/{Uri.EscapeDataString(id)}"), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Check(response);
        return Record(await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken));
    }

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        var body = writes.Select(w => new
        {
            kind = w.Kind.ToString().ToLowerInvariant(),
            id = w.Id,
            idempotencyKey = w.IdempotencyKey,
            values = w.Values.ToDictionary(kv => kv.Key, kv => kv.Value is null ? null : Convert.ToString(kv.Value, CultureInfo.InvariantCulture)),
        }).ToArray();
        var results = await Send<JsonElement>(HttpMethod.Post, $"{entity}/write", body, cancellationToken);
        return [.. results.EnumerateArray().Select(r => r.GetProperty("error").ValueKind == JsonValueKind.String
            ? AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = r.GetProperty("error").GetString()!, Code = "REJECTED" }, r.GetProperty("id").GetString())
            : AppWriteResult.Success(r.GetProperty("id").GetString()!))];
    }

    private async Task<T> Send<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request, cancellationToken);
        Check(response);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }

    private static void Check(HttpResponseMessage response)
    {
        // The SDK's classification: 401/403 refused credentials, 408/429/5xx transient, any other refusal permanent.
        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(ConnectorError.FromHttpStatus("The sample app", (int)response.StatusCode, response.ReasonPhrase));
        }
    }

    private static AppRecord Record(JsonElement json) => new()
    {
        Id = json.GetProperty("id").GetString()!,
        ModifiedAt = json.GetProperty("modifiedAt").GetDateTimeOffset(),
        Values = json.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : (object?)p.Value.GetString()),
    };
}
