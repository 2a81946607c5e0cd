using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ClientSuccess;

/// <summary>
/// ClientSuccess's Open API v2: polls clients and contacts by modification time (a keyset cursor of time and uuid, so
/// records sharing a timestamp are neither missed nor repeated), reads single records, and writes one record per call,
/// as the API takes them. Creates first look for a record already holding the Salesforce id, so a create repeated after
/// a lost answer updates instead of duplicating.
/// </summary>
internal sealed class ClientSuccessClient(AppApi api, TimeProvider time) : IAppClient
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
            var rows = await api.SendAsync(HttpMethod.Get, query, null, cancellationToken);
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
        var row = await api.SendAsync(HttpMethod.Get, $"{Single(entity)}/{Uri.EscapeDataString(id)}", null, cancellationToken, allowNotFound: true);
        return row is JsonObject json ? await RecordAsync(entity, json, cancellationToken) : null;
    }

    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) =>
        api.WriteEachAsync(writes, (write, token) => WriteOneAsync(entity, write, token), cancellationToken);

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        api.CheckAsync(token => api.SendAsync(HttpMethod.Get, "employees", null, token), cancellationToken);

    private async Task<AppWriteResult> WriteOneAsync(string entity, AppWrite write, CancellationToken cancellationToken)
    {
        switch (write.Kind)
        {
            case AppWriteKind.Delete:
                await api.SendAsync(HttpMethod.Delete, $"{Single(entity)}/{Uri.EscapeDataString(write.Id!)}", null, cancellationToken, allowNotFound: true);
                return AppWriteResult.Success(write.Id!);
            case AppWriteKind.Update:
                await api.SendAsync(HttpMethod.Patch, $"{Single(entity)}/{Uri.EscapeDataString(write.Id!)}", ClientSuccessValues.ToBody(entity, write.Values, creating: false), cancellationToken);
                return AppWriteResult.Success(write.Id!);
            default:
                var body = ClientSuccessValues.ToBody(entity, write.Values, creating: true);
                if (await FindBySalesforceIdAsync(entity, body, cancellationToken) is { } existing)
                {
                    await api.SendAsync(HttpMethod.Patch, $"{Single(entity)}/{Uri.EscapeDataString(existing)}", body, cancellationToken);
                    return AppWriteResult.Success(existing);
                }

                var created = await api.SendAsync(HttpMethod.Post, Single(entity), body, cancellationToken);
                return AppWriteResult.Success(created!["uuid"]!.GetValue<string>());
        }
    }

    /// <summary>A create repeated after a lost answer finds the record the first one made, by the Salesforce id it carries.</summary>
    private async Task<string?> FindBySalesforceIdAsync(string entity, JsonObject body, CancellationToken cancellationToken)
    {
        if (entity != ClientSuccessSchema.Client.Name || body["crmCustomerId"]?.GetValue<string>() is not { Length: > 0 } salesforceId)
        {
            return null;
        }

        var found = await api.SendAsync(HttpMethod.Get, $"clients?crmCustomerId={Uri.EscapeDataString(salesforceId)}&pageSize=1", null, cancellationToken);
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

        var rows = await api.SendAsync(HttpMethod.Get, "employees", null, cancellationToken);
        var names = rows!.AsArray().OfType<JsonObject>().ToDictionary(e => e["id"]!.GetValue<long>(), e => $"{e["firstName"]} {e["lastName"]}".Trim());
        _employees = (time.GetUtcNow(), names);
        return names;
    }

    private static string Collection(string entity) => Single(entity) + "s";

    private static string Single(string entity) => entity switch
    {
        "client" => "client",
        "contact" => "contact",
        _ => throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = $"ClientSuccess has no entity '{entity}'." }),
    };
}
