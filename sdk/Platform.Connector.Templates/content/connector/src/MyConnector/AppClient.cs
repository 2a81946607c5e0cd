using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace MyConnector;

/// <summary>
/// The app's JSON REST API: <c>GET {entity}s/changes?after=&amp;limit=</c> (the change feed, by sequence),
/// <c>GET {entity}s/{id}</c>, <c>POST {entity}s</c>, <c>PATCH {entity}s/{id}</c>, <c>DELETE {entity}s/{id}</c>.
/// </summary>
internal sealed class AppClient(AppApi api) : IAppClient
{
    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var page = (await api.SendAsync(HttpMethod.Get, $"{entity}s/changes?after={Uri.EscapeDataString(cursor ?? "0")}&limit={maxCount}", null, cancellationToken))!;
        var changes = page["changes"]!.AsArray().Select(c => c!["deleted"]!.GetValue<bool>()
            ? new AppChange { Id = c["id"]!.GetValue<string>(), Kind = AppChangeKind.Deleted }
            : new AppChange { Id = c["id"]!.GetValue<string>(), Kind = AppChangeKind.Upserted, Record = Record(c) }).ToList();

        // An empty page keeps the cursor: nothing new.
        return new AppChangePage { Changes = changes, Cursor = changes.Count == 0 ? cursor : page["cursor"]!.GetValue<string>() };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        await api.SendAsync(HttpMethod.Get, $"{entity}s/{Uri.EscapeDataString(id)}", null, cancellationToken, allowNotFound: true) is JsonObject json ? Record(json) : null;

    // One record per call, so a record the app refuses fails alone (AppApi.WriteEachAsync), and a write delivered twice
    // (updates, deletes of a deleted record) leaves the app as it was.
    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) =>
        api.WriteEachAsync(writes, async (write, token) =>
        {
            switch (write.Kind)
            {
                case AppWriteKind.Create:
                    var created = await api.SendAsync(HttpMethod.Post, $"{entity}s", Body(write), token);
                    return AppWriteResult.Success(created!["id"]!.GetValue<string>());
                case AppWriteKind.Update:
                    await api.SendAsync(HttpMethod.Patch, $"{entity}s/{Uri.EscapeDataString(write.Id!)}", Body(write), token);
                    return AppWriteResult.Success(write.Id!);
                default:
                    await api.SendAsync(HttpMethod.Delete, $"{entity}s/{Uri.EscapeDataString(write.Id!)}", null, token, allowNotFound: true);
                    return AppWriteResult.Success(write.Id!);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        api.CheckAsync(token => api.SendAsync(HttpMethod.Get, "customers/changes?after=0&limit=1", null, token), cancellationToken);

    private static JsonObject Body(AppWrite write) => new()
    {
        ["values"] = new JsonObject(write.Values.Select(v => KeyValuePair.Create(v.Key, v.Value is null ? null : (JsonNode?)JsonValue.Create(Convert.ToString(v.Value, CultureInfo.InvariantCulture))))),
    };

    private static AppRecord Record(JsonNode json) => new()
    {
        Id = json["id"]!.GetValue<string>(),
        Values = json["values"]!.AsObject().ToDictionary(p => p.Key, p => (object?)p.Value?.GetValue<string>()),
    };
}
