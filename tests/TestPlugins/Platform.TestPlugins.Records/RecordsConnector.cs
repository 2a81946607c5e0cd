using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Sdk;

namespace Platform.TestPlugins.Records;

/// <summary>A connector for the test "records app" (Platform.Testing.RecordsApp): contacts over a small REST API.</summary>
public sealed class RecordsConnector : IConnectorPlugin
{
    internal static readonly EntitySchema Contact = new()
    {
        Name = "contact",
        Fields =
        [
            new() { Name = "id", Type = FieldType.String, ReadOnly = true },
            new() { Name = "firstName", Type = FieldType.String },
            new() { Name = "lastName", Type = FieldType.String, Required = true },
            new() { Name = "email", Type = FieldType.Email },
            new() { Name = "title", Type = FieldType.String },
            new() { Name = "status", Type = FieldType.Picklist },
        ],
    };

    public ConnectorDefinition Describe() => new()
    {
        Entities = [Contact],
        DefaultMappings =
        [
            new ObjectMapping
            {
                Entity = "contact",
                SalesforceObject = "Contact",
                Fields =
                [
                    new FieldMapping { EntityField = "firstName", SalesforceField = "FirstName" },
                    new FieldMapping { EntityField = "lastName", SalesforceField = "LastName" },
                    new FieldMapping { EntityField = "email", SalesforceField = "Email" },
                    new FieldMapping { EntityField = "title", SalesforceField = "Title" },
                ],
            },
        ],
        Settings = [new SettingDefinition { Key = "baseUrl", Type = SettingType.Url, Required = true }, new SettingDefinition { Key = "apiKey", Type = SettingType.String, Secret = true }],
    };

    public IAppClient CreateClient(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new RecordsClient(context.HttpClient, new Uri(context.GetSetting("baseUrl")!.TrimEnd('/') + "/"));
    }
}

internal sealed class RecordsClient(HttpClient http, Uri baseUrl) : IAppClient
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
        if (!response.IsSuccessStatusCode)
        {
            var kind = (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests ? ConnectorErrorKind.Transient : ConnectorErrorKind.Permanent;
            throw new ConnectorException(new ConnectorError { Kind = kind, Message = $"The records app answered {(int)response.StatusCode}.", Code = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) });
        }
    }

    private static AppRecord Record(JsonElement json) => new()
    {
        Id = json.GetProperty("id").GetString()!,
        ModifiedAt = json.GetProperty("modifiedAt").GetDateTimeOffset(),
        Values = json.GetProperty("values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.Null ? null : (object?)p.Value.GetString()),
    };
}
