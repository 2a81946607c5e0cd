using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>A record as the REST API returned it (raw JSON), with access to relationship paths such as <c>Account.Name</c>.</summary>
public sealed class SObjectRecord(JsonElement json)
{
    public JsonElement Json { get; } = json;

    /// <summary>The object name, from <c>attributes.type</c>.</summary>
    public string? ObjectName => Json.TryGetProperty("attributes", out var a) && a.TryGetProperty("type", out var t) ? t.GetString() : null;

    /// <summary>The record id: the <c>Id</c> field, or the last segment of <c>attributes.url</c>.</summary>
    public string? Id =>
        Json.TryGetProperty("Id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
        : Json.TryGetProperty("attributes", out var a) && a.TryGetProperty("url", out var url) && url.GetString() is { } text ? text[(text.LastIndexOf('/') + 1)..]
        : null;

    /// <summary>Finds a field or relationship path; false when the path was not returned (a null parent yields a null value).</summary>
    public bool TryGetValue(string path, out JsonElement value)
    {
        value = Json;
        foreach (var segment in path.Split('.'))
        {
            if (value.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value))
            {
                return false;
            }
        }

        return true;
    }

    public string? GetString(string path) => TryGetValue(path, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public override string ToString() => $"{ObjectName} {Id}";
}

/// <summary>One page of a query: its records, the total, and where the next page is.</summary>
public sealed record QueryPage(IReadOnlyList<SObjectRecord> Records, int TotalSize, string? NextRecordsUrl)
{
    public bool Done => NextRecordsUrl is null;
}
