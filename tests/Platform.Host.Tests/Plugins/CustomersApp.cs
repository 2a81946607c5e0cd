using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Emulators.Hosting;

namespace Platform.Host.Tests.Plugins;

/// <summary>
/// The app a connector made from the template talks to (its AppClient's <c>customers</c> API), served as a third party's
/// app would: a bearer key, a change feed by sequence, one record per write. Records are kept as the connector sent them.
/// </summary>
internal sealed class CustomersApp : IAsyncDisposable
{
    public const string ApiKey = "customers-app-key";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (long Sequence, JsonObject? Values)> _records = [];
    private WebApplication _app = null!;
    private long _sequence;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<CustomersApp> StartAsync()
    {
        var app = new CustomersApp();
        (app._app, app.BaseUrl) = await LoopbackApp.StartAsync(app.Map);
        return app;
    }

    /// <summary>A customer as the app's user made or edited it.</summary>
    public string Put(string? id, JsonObject values)
    {
        lock (_lock)
        {
            id ??= $"cus_{_sequence + 1}";
            var merged = _records.GetValueOrDefault(id).Values ?? [];
            foreach (var (field, value) in values)
            {
                merged[field] = value?.DeepClone();
            }

            _records[id] = (++_sequence, merged);
            return id;
        }
    }

    /// <summary>Live customers' values (a deleted one is gone).</summary>
    public IReadOnlyDictionary<string, JsonObject> Customers()
    {
        lock (_lock)
        {
            return _records.Where(r => r.Value.Values is not null).ToDictionary(r => r.Key, r => r.Value.Values!.DeepClone().AsObject());
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.Use((context, next) => context.Request.Headers.Authorization == $"Bearer {ApiKey}" ? next(context) : Task.FromResult(context.Response.StatusCode = 401));
        app.MapGet("/customers/changes", (long after, int limit) =>
        {
            lock (_lock)
            {
                var page = _records.Where(r => r.Value.Sequence > after).OrderBy(r => r.Value.Sequence).Take(limit).ToList();
                return Results.Json(new JsonObject
                {
                    ["changes"] = new JsonArray([.. page.Select(r => Record(r.Key, r.Value.Values))]),
                    ["cursor"] = (page.Count > 0 ? page[^1].Value.Sequence : after).ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        });
        app.MapGet("/customers/{id}", (string id) => Customers().TryGetValue(id, out var values) ? Results.Json(Record(id, values)) : Results.NotFound());
        app.MapPost("/customers", (JsonObject body) => Results.Json(new JsonObject { ["id"] = Put(null, body["values"]!.AsObject()) }));
        app.MapMethods("/customers/{id}", ["PATCH"], (string id, JsonObject body) => Results.Json(new JsonObject { ["id"] = Put(id, body["values"]!.AsObject()) }));
        app.MapDelete("/customers/{id}", (string id) =>
        {
            lock (_lock)
            {
                _records[id] = (++_sequence, null);
            }

            return Results.NoContent();
        });
    }

    private static JsonObject Record(string id, JsonObject? values) =>
        new() { ["id"] = id, ["deleted"] = values is null, ["values"] = values?.DeepClone() ?? new JsonObject() };
}
