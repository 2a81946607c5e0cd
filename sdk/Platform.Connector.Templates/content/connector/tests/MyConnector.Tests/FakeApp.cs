using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Sdk.Testing;

namespace MyConnector.Tests;

/// <summary>
/// A fake of the app's API on a loopback port, as AppClient expects it: records in memory, a change feed by sequence,
/// the API key checked on every request. Replace it with a fake of your app's real API (or its sandbox).
/// </summary>
public sealed class FakeApp : IConformanceApp, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, JsonObject> _records = new();
    private readonly List<(long Sequence, string Id, bool Deleted)> _feed = [];
    private readonly Lock _lock = new();
    private WebApplication _app = null!;
    private long _sequence;

    public const string ApiKey = "fake-app-key";

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeApp> StartAsync()
    {
        var fake = new FakeApp();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake._app = builder.Build();
        fake.Map(fake._app);
        await fake._app.StartAsync();
        fake.Url = new Uri(fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return fake;
    }

    public Task<string> AddAsync(string entity, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken) =>
        Task.FromResult(Save(null, new JsonObject(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(Convert.ToString(v.Value, CultureInfo.InvariantCulture)))))));

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers.Authorization != $"Bearer {ApiKey}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/customers/changes", (long after, int limit) =>
        {
            lock (_lock)
            {
                var page = _feed.Where(f => f.Sequence > after).Take(limit).ToList();
                return Results.Json(new JsonObject
                {
                    ["changes"] = new JsonArray([.. page.Select(f => f.Deleted ? new JsonObject { ["id"] = f.Id, ["deleted"] = true } : Record(f.Id, deleted: false))]),
                    ["cursor"] = (page.Count > 0 ? page[^1].Sequence : after).ToString(CultureInfo.InvariantCulture),
                });
            }
        });
        app.MapGet("/customers/{id}", (string id) => _records.ContainsKey(id) ? Results.Json(Record(id, deleted: false)) : Results.NotFound());
        app.MapPost("/customers", (JsonObject body) => Valid(body) ? Results.Json(new JsonObject { ["id"] = Save(null, body["values"]!.AsObject()) }) : Results.UnprocessableEntity(new { message = "name is required" }));
        app.MapMethods("/customers/{id}", ["PATCH"], (string id, JsonObject body) => _records.ContainsKey(id) ? Results.Json(new JsonObject { ["id"] = Save(id, body["values"]!.AsObject()) }) : Results.NotFound());
        app.MapDelete("/customers/{id}", (string id) =>
        {
            if (_records.TryRemove(id, out _))
            {
                lock (_lock)
                {
                    // The feed keeps each record's latest change only, as a modification-time feed would.
                    _feed.RemoveAll(f => f.Id == id);
                    _feed.Add((++_sequence, id, true));
                }
            }

            return Results.NoContent();
        });
    }

    private static bool Valid(JsonObject body) => body["values"]?["name"] is JsonValue name && name.GetValue<string>().Length > 0;

    private string Save(string? id, JsonObject values)
    {
        lock (_lock)
        {
            id ??= $"cus_{_sequence + 1}";
            var record = _records.GetOrAdd(id, _ => []);
            foreach (var (field, value) in values)
            {
                record[field] = value?.DeepClone();
            }

            _feed.RemoveAll(f => f.Id == id);
            _feed.Add((++_sequence, id, false));
            return id;
        }
    }

    private JsonObject Record(string id, bool deleted) => new() { ["id"] = id, ["deleted"] = deleted, ["values"] = _records[id].DeepClone() };
}
