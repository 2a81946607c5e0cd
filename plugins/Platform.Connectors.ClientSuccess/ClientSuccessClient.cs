using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ClientSuccess;

/// <summary>
/// ClientSuccess's Open API v2: polls clients and contacts by modification time (a keyset cursor of time and uuid, so
/// records sharing a timestamp are neither missed nor repeated), reads single records, and writes one record per call,
/// as the API takes them. Creates first look for a record already holding the Salesforce id, so a create repeated after
/// a lost answer updates instead of duplicating.
/// </summary>
internal sealed class ClientSuccessClient(HttpClient http, Uri baseUrl, string apiKey, TimeProvider time) : IAppClient
{
    private const int PageSize = 200;
    private static readonly TimeSpan EmployeesFreshness = TimeSpan.FromMinutes(10);

    private (DateTimeOffset At, IReadOnlyDictionary<long, string> Names)? _employees;

    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var position = KeysetCursor.Parse(cursor);
        var changes = new List<AppChange>(Math.Min(maxCount, PageSize));
        var next = cursor;
        for (var page = 1; changes.Count < maxCount; page++)
        {
            var query = $"{Collection(entity)}?includeDeleted=true&pageSize={PageSize}&page={page}" + (position is { } p ? $"&modifiedSince={Uri.EscapeDataString(p.ModifiedAt.ToString("O", CultureInfo.InvariantCulture))}" : "");
            var rows = await SendAsync(HttpMethod.Get, query, null, cancellationToken);
            var items = rows!.AsArray();
            foreach (var row in items.OfType<JsonObject>())
            {
                var modified = row["lastModified"]!.GetValue<DateTimeOffset>();
                var uuid = row["uuid"]!.GetValue<string>();
                if (!KeysetCursor.IsAfter(position, modified, uuid) || changes.Count == maxCount)
                {
                    continue;
                }

                changes.Add(row["deleted"]?.GetValue<bool>() == true
                    ? new AppChange { Id = uuid, Kind = AppChangeKind.Deleted, OccurredAt = modified }
                    : new AppChange { Id = uuid, Kind = AppChangeKind.Upserted, OccurredAt = modified, Record = await RecordAsync(entity, row, cancellationToken) });
                next = new KeysetCursor(modified, uuid).ToString();
            }

            if (items.Count < PageSize)
            {
                break;
            }
        }

        // A full page may leave records behind; when none are left the next call returns an empty page.
        return new AppChangePage { Changes = changes, Cursor = next, HasMore = changes.Count == maxCount };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var row = await SendAsync(HttpMethod.Get, $"{Single(entity)}/{Uri.EscapeDataString(id)}", null, cancellationToken, allowNotFound: true);
        return row is JsonObject json ? await RecordAsync(entity, json, cancellationToken) : null;
    }

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        var results = new List<AppWriteResult>(writes.Count);
        foreach (var write in writes)
        {
            results.Add(await WriteOneAsync(entity, write, cancellationToken));
        }

        return results;
    }

    public async Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Get, "employees", null, cancellationToken);
            return [];
        }
        catch (ConnectorException e)
        {
            return [$"ClientSuccess API at {baseUrl}: {e.Message}"];
        }
        catch (HttpRequestException e)
        {
            return [$"ClientSuccess API at {baseUrl} is unreachable: {e.Message}"];
        }
    }

    private async Task<AppWriteResult> WriteOneAsync(string entity, AppWrite write, CancellationToken cancellationToken)
    {
        try
        {
            switch (write.Kind)
            {
                case AppWriteKind.Delete:
                    await SendAsync(HttpMethod.Delete, $"{Single(entity)}/{Uri.EscapeDataString(write.Id!)}", null, cancellationToken, allowNotFound: true);
                    return AppWriteResult.Success(write.Id!);
                case AppWriteKind.Update:
                    await SendAsync(HttpMethod.Patch, $"{Single(entity)}/{Uri.EscapeDataString(write.Id!)}", ClientSuccessValues.ToBody(entity, write.Values, creating: false), cancellationToken);
                    return AppWriteResult.Success(write.Id!);
                default:
                    var body = ClientSuccessValues.ToBody(entity, write.Values, creating: true);
                    if (await FindBySalesforceIdAsync(entity, body, cancellationToken) is { } existing)
                    {
                        await SendAsync(HttpMethod.Patch, $"{Single(entity)}/{Uri.EscapeDataString(existing)}", body, cancellationToken);
                        return AppWriteResult.Success(existing);
                    }

                    var created = await SendAsync(HttpMethod.Post, Single(entity), body, cancellationToken);
                    return AppWriteResult.Success(created!["uuid"]!.GetValue<string>());
            }
        }
        catch (ConnectorException e) when (e.Error.Kind != ConnectorErrorKind.Unauthorized)
        {
            // One record's failure is its own: the records before it are written and keep their results.
            return AppWriteResult.Failure(e.Error, write.Id);
        }
        catch (HttpRequestException e)
        {
            return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Transient, Code = "UNREACHABLE", Message = $"ClientSuccess is unreachable: {e.Message}" }, write.Id);
        }
    }

    /// <summary>A create repeated after a lost answer finds the record the first one made, by the Salesforce id it carries.</summary>
    private async Task<string?> FindBySalesforceIdAsync(string entity, JsonObject body, CancellationToken cancellationToken)
    {
        if (entity != ClientSuccessSchema.Client.Name || body["crmCustomerId"]?.GetValue<string>() is not { Length: > 0 } salesforceId)
        {
            return null;
        }

        var found = await SendAsync(HttpMethod.Get, $"clients?crmCustomerId={Uri.EscapeDataString(salesforceId)}&pageSize=1", null, cancellationToken);
        return found!.AsArray().FirstOrDefault()?["uuid"]?.GetValue<string>();
    }

    private async Task<AppRecord> RecordAsync(string entity, JsonObject row, CancellationToken cancellationToken)
    {
        var employees = entity == ClientSuccessSchema.Client.Name ? await EmployeesAsync(cancellationToken) : null;
        return new AppRecord
        {
            Id = row["uuid"]!.GetValue<string>(),
            ModifiedAt = row["lastModified"]!.GetValue<DateTimeOffset>(),
            Values = ClientSuccessValues.FromRow(entity, row, employees),
        };
    }

    /// <summary>Employee names by id: the Assigned CSM reaches Salesforce as a name, while ClientSuccess stores the employee's id.</summary>
    private async Task<IReadOnlyDictionary<long, string>> EmployeesAsync(CancellationToken cancellationToken)
    {
        if (_employees is { } cached && time.GetUtcNow() - cached.At < EmployeesFreshness)
        {
            return cached.Names;
        }

        var rows = await SendAsync(HttpMethod.Get, "employees", null, cancellationToken);
        var names = rows!.AsArray().OfType<JsonObject>().ToDictionary(e => e["id"]!.GetValue<long>(), e => $"{e["firstName"]} {e["lastName"]}".Trim());
        _employees = (time.GetUtcNow(), names);
        return names;
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", apiKey);
        using var response = await http.SendAsync(request, cancellationToken);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(await ErrorAsync(response, cancellationToken));
        }

        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    private static async Task<ConnectorError> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            message = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status alone says enough.
        }

        return ConnectorError.FromHttpStatus("ClientSuccess", (int)response.StatusCode, message ?? response.ReasonPhrase);
    }

    private static string Collection(string entity) => Single(entity) + "s";

    private static string Single(string entity) => entity switch
    {
        "client" => "client",
        "contact" => "contact",
        _ => throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = $"ClientSuccess has no entity '{entity}'." }),
    };
}
