using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Platform.Emulators.Hosting;

namespace Platform.Emulators.SampleApp;

/// <summary>
/// A tiny SaaS app over real HTTP: records per entity, a change feed ordered by a sequence number, batch writes with
/// idempotency keys. Sandbox mode, tests and benchmarks edit it directly (as a user would) and read what the platform
/// wrote; the sample connector (<c>samples/Platform.Connectors.Sample</c>) is its client.
/// </summary>
public sealed class SampleApp : IAsyncDisposable
{
    private readonly Lock _sync = new();
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idempotency = new(StringComparer.Ordinal);
    private WebApplication _app = null!;
    private long _sequence;
    private int _nextId;

    private SampleApp()
    {
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Writes the platform made (each create, update or delete of one record).</summary>
    public int PlatformWrites { get; private set; }

    /// <summary>E-mail addresses the app refuses in writes (a permanent validation failure) until removed.</summary>
    public HashSet<string> RejectEmails { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>While true, writes answer 403 Forbidden, as a key that may read but not write would; reads still work. Default false.</summary>
    public bool RefuseWrites { get; set; }

    /// <summary>Starts the app on a loopback port.</summary>
    /// <param name="port">The port; default 0: one the OS chooses.</param>
    public static async Task<SampleApp> StartAsync(int port = 0)
    {
        var records = new SampleApp();
        (records._app, records.BaseUrl) = await LoopbackApp.StartAsync(app =>
        {
            app.MapGet("/{entity}/changes", (string entity, long after, int limit) => Results.Json(records.Changes(entity, after, limit)));
            app.MapGet("/{entity}/{id}", (string entity, string id) => records.Get(entity, id) is { } row ? Results.Json(row) : Results.NotFound());
            app.MapPost("/{entity}/write", async (string entity, HttpRequest request) =>
            {
                if (records.RefuseWrites)
                {
                    return Results.Json(new { message = "This API key may read but not write." }, statusCode: StatusCodes.Status403Forbidden);
                }

                var writes = await JsonSerializer.DeserializeAsync<List<WriteBody>>(request.Body, JsonSerializerOptions.Web);
                return Results.Json(writes!.Select(w => records.Write(entity, w)).ToArray());
            });
        }, port);
        return records;
    }

    /// <summary>Creates or edits a record as a user of the app would.</summary>
    public string Put(string entity, string? id, params (string Field, string? Value)[] values)
    {
        lock (_sync)
        {
            id ??= $"{entity}-{++_nextId}";
            var row = _rows.TryGetValue(Key(entity, id), out var existing) ? existing : _rows[Key(entity, id)] = new Row(entity, id);
            foreach (var (field, value) in values)
            {
                row.Values[field] = value;
            }

            Touch(row);
            return id;
        }
    }

    public void Delete(string entity, string id)
    {
        lock (_sync)
        {
            var row = _rows[Key(entity, id)];
            row.Deleted = true;
            Touch(row);
        }
    }

    public IReadOnlyDictionary<string, string?>? Values(string entity, string id)
    {
        lock (_sync)
        {
            return _rows.TryGetValue(Key(entity, id), out var row) && !row.Deleted ? new Dictionary<string, string?>(row.Values) : null;
        }
    }

    public IReadOnlyList<string> Ids(string entity)
    {
        lock (_sync)
        {
            return [.. _rows.Values.Where(r => r.Entity == entity && !r.Deleted).Select(r => r.Id)];
        }
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private object Changes(string entity, long after, int limit)
    {
        lock (_sync)
        {
            var rows = _rows.Values.Where(r => r.Entity == entity && r.Sequence > after).OrderBy(r => r.Sequence).Take(limit + 1).ToArray();
            var page = rows.Take(limit).ToArray();
            return new
            {
                changes = page.Select(r => new { id = r.Id, deleted = r.Deleted, modifiedAt = r.ModifiedAt, values = r.Values }),
                cursor = (page.Length > 0 ? page[^1].Sequence : after).ToString(CultureInfo.InvariantCulture),
                hasMore = rows.Length > limit,
            };
        }
    }

    private object? Get(string entity, string id)
    {
        lock (_sync)
        {
            return _rows.TryGetValue(Key(entity, id), out var row) && !row.Deleted ? new { id = row.Id, modifiedAt = row.ModifiedAt, values = row.Values } : null;
        }
    }

    private object Write(string entity, WriteBody write)
    {
        lock (_sync)
        {
            if (write.Values?.GetValueOrDefault("email") is { } email && RejectEmails.Contains(email))
            {
                return new { id = write.Id, error = $"email '{email}' is refused by the app's validation" };
            }

            PlatformWrites++;
            switch (write.Kind)
            {
                case "create":
                    if (_idempotency.TryGetValue(write.IdempotencyKey, out var existing))
                    {
                        return new { id = existing, error = (string?)null };
                    }

                    var id = $"{entity}-{++_nextId}";
                    _idempotency[write.IdempotencyKey] = id;
                    var created = _rows[Key(entity, id)] = new Row(entity, id);
                    foreach (var (field, value) in write.Values ?? [])
                    {
                        created.Values[field] = value;
                    }

                    Touch(created);
                    return new { id, error = (string?)null };
                case "delete":
                    if (_rows.TryGetValue(Key(entity, write.Id!), out var doomed) && !doomed.Deleted)
                    {
                        doomed.Deleted = true;
                        Touch(doomed);
                    }

                    return new { id = write.Id, error = (string?)null };
                default:
                    if (!_rows.TryGetValue(Key(entity, write.Id!), out var row) || row.Deleted)
                    {
                        return new { id = write.Id, error = (string?)$"no {entity} '{write.Id}'" };
                    }

                    foreach (var (field, value) in write.Values ?? [])
                    {
                        row.Values[field] = value;
                    }

                    Touch(row);
                    return new { id = write.Id, error = (string?)null };
            }
        }
    }

    private void Touch(Row row)
    {
        row.Sequence = ++_sequence;
        row.ModifiedAt = DateTimeOffset.UtcNow;
    }

    private static string Key(string entity, string id) => entity + "/" + id;

    private sealed class Row(string entity, string id)
    {
        public string Entity { get; } = entity;

        public string Id { get; } = id;

        public Dictionary<string, string?> Values { get; } = new(StringComparer.Ordinal);

        public long Sequence { get; set; }

        public DateTimeOffset ModifiedAt { get; set; }

        public bool Deleted { get; set; }
    }

    private sealed record WriteBody(string Kind, string? Id, string IdempotencyKey, Dictionary<string, string?>? Values);
}
