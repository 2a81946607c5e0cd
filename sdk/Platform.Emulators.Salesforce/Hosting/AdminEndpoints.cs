using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Hosting;

/// <summary>
/// <c>/__admin</c>: the test and demo API. Seed, reset, snapshot/restore, read the call and change logs, move the clock,
/// set limits, inject faults, change the schema, users and apps, merge records, truncate the delete log. None of it
/// counts against the API allocation.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder app, EmulatedOrg org)
    {
        var admin = app.MapGroup("/__admin");
        var json = SeedDocument.JsonOptions;

        admin.MapGet("/org", () => Results.Json(new
        {
            orgId = org.OrgId,
            defaultUser = org.DefaultUser.Username,
            users = org.Users.Select(u => new { u.Username, u.UserId }),
            apps = org.Apps.Select(a => a.ClientId),
            apiUsage = new { used = org.Usage.Used, limit = org.Usage.DailyLimit },
            clock = org.Clock.UtcNow,
            settings = org.Settings,
        }, json));

        admin.MapPost("/reset", () =>
        {
            org.Reset();
            return Results.NoContent();
        });

        admin.MapPost("/seed", async (HttpRequest request) =>
        {
            var seed = await Read<SeedDocument>(request, json);
            return Guard(() => org.Apply(seed));
        });

        admin.MapPut("/settings", async (HttpRequest request) =>
        {
            var settings = await Read<SettingsChange>(request, json);
            org.Settings.DuplicateRule = settings.DuplicateRule ?? org.Settings.DuplicateRule;
            org.Settings.QueryBatchSize = settings.QueryBatchSize ?? org.Settings.QueryBatchSize;
            org.Settings.IsSandbox = settings.IsSandbox ?? org.Settings.IsSandbox;
            if (settings.BulkIngestRowLimit is { } rows)
            {
                org.Settings.BulkIngestRowLimit = rows > 0 ? rows : null;
            }

            if (settings.TokenLifetimeSeconds is { } seconds)
            {
                org.Tokens.TokenLifetime = TimeSpan.FromSeconds(seconds);
            }

            return Results.Json(org.Settings, json);
        });

        admin.MapPost("/snapshots/{name}", (string name) =>
        {
            org.SaveSnapshot(name);
            return Results.NoContent();
        });
        admin.MapPost("/snapshots/{name}/restore", (string name) => org.RestoreSnapshot(name) ? Results.NoContent() : Results.NotFound(new { error = $"No snapshot named {name}." }));

        admin.MapGet("/calls", (long? since) => Results.Json(org.Calls.Calls.Where(c => c.Sequence > (since ?? 0)), json));
        admin.MapGet("/calls/summary", () => Results.Json(new
        {
            total = org.Calls.Calls.Count,
            counted = org.Calls.Calls.Count(c => c.Counted),
            byPath = org.Calls.Calls.GroupBy(c => $"{c.Method} {Route(c.Path)}").ToDictionary(g => g.Key, g => g.Count()),
        }, json));
        admin.MapDelete("/calls", () =>
        {
            org.Calls.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/changes", (long? since) =>
        {
            lock (org.Store.Sync)
            {
                return Results.Json(org.Store.Changes.Where(c => c.Sequence > (since ?? 0)).ToList(), json);
            }
        });

        admin.MapGet("/clock", () => Results.Json(new { now = org.Clock.UtcNow }, json));
        admin.MapPost("/clock", async (HttpRequest request) =>
        {
            var change = await Read<ClockChange>(request, json);
            if (change.Pin is { } pin)
            {
                org.Clock.Pin(pin);
            }

            if (change.AdvanceSeconds is { } seconds)
            {
                org.Clock.Advance(TimeSpan.FromSeconds(seconds));
            }

            if (change.Release == true)
            {
                org.Clock.Release();
            }

            return Results.Json(new { now = org.Clock.UtcNow }, json);
        });

        admin.MapPut("/limits", async (HttpRequest request) =>
        {
            var change = await Read<LimitsChange>(request, json);
            org.Usage.DailyLimit = change.DailyApiRequests ?? org.Usage.DailyLimit;
            return Results.Json(new { used = org.Usage.Used, limit = org.Usage.DailyLimit }, json);
        });
        admin.MapPost("/limits/reset", () =>
        {
            org.Usage.Reset();
            return Results.NoContent();
        });

        admin.MapPut("/faults", async (HttpRequest request) =>
        {
            var change = await Read<FaultsChange>(request, json);
            org.Faults.Set(change.Rules, change.Seed);
            return Results.Json(org.Faults.Rules, json);
        });
        admin.MapDelete("/faults", () =>
        {
            org.Faults.Clear();
            return Results.NoContent();
        });

        admin.MapPost("/schema/objects", async (HttpRequest request) =>
        {
            var spec = await Read<CustomObjectSpec>(request, json);
            return Guard(() =>
            {
                lock (org.Store.Sync)
                {
                    org.Schema.DefineObject(spec, org.Clock.Timestamp);
                }
            });
        });
        admin.MapPost("/schema/objects/{name}/fields", async (string name, HttpRequest request) =>
        {
            var spec = await Read<CustomFieldSpec>(request, json);
            return Guard(() =>
            {
                lock (org.Store.Sync)
                {
                    org.Schema.AddField(name, spec, org.Clock.Timestamp);
                }
            });
        });

        admin.MapPost("/recordtypes", async (HttpRequest request) =>
        {
            var seed = await Read<RecordTypeSeed>(request, json);
            try
            {
                return Results.Json(new { id = org.AddRecordType(seed).Id }, json);
            }
            catch (SchemaException ex)
            {
                return Results.BadRequest(new { error = ex.Message });
            }
        });
        admin.MapPost("/users", async (HttpRequest request) =>
        {
            var seed = await Read<UserSeed>(request, json);
            return Results.Json(new { userId = org.AddUser(seed).UserId }, json);
        });
        admin.MapPost("/apps", async (HttpRequest request) =>
        {
            org.AddApp(await Read<ConnectedApp>(request, json));
            return Results.NoContent();
        });

        admin.MapPost("/merge", async (HttpRequest request) =>
        {
            var merge = await Read<MergeRequest>(request, json);
            lock (org.Store.Sync)
            {
                var master = org.Store.Get(merge.MasterId);
                var losers = merge.MergedIds.Select(org.Store.Get).ToList();
                if (master is null || master.IsDeleted || losers.Exists(l => l is null || l.IsDeleted || l.Type != master.Type))
                {
                    return Results.BadRequest(new { error = "The master and merged records must exist, be live and be of one object." });
                }

                org.Store.Merge(master, losers!, org.DefaultUser.UserId, client: null);
                return Results.NoContent();
            }
        });
        admin.MapPost("/deletelog/truncate", async (HttpRequest request) =>
        {
            var truncate = await Read<TruncateRequest>(request, json);
            lock (org.Store.Sync)
            {
                if (org.Schema.Find(truncate.ObjectName) is not { } type)
                {
                    return Results.BadRequest(new { error = $"There is no object named {truncate.ObjectName}." });
                }

                org.Store.TruncateDeleteLog(type, truncate.Before ?? org.Clock.UtcNow);
                return Results.NoContent();
            }
        });
        admin.MapPost("/recyclebin/empty", () =>
        {
            lock (org.Store.Sync)
            {
                return Results.Json(new { purged = org.Store.PurgeDeleted() }, json);
            }
        });
        admin.MapPost("/sessions/expire", () => Results.Json(new { expired = org.Tokens.ExpireSessions() }, json));

        admin.MapPost("/records/{objectName}", async (string objectName, HttpRequest request) =>
        {
            var records = await Read<List<JsonElement>>(request, json);
            return Guard(() => org.Apply(new SeedDocument { Records = new Dictionary<string, IReadOnlyList<JsonElement>> { [objectName] = records } }));
        });
    }

    private static async Task<T> Read<T>(HttpRequest request, JsonSerializerOptions options)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, options, request.HttpContext.RequestAborted)
                ?? throw new BadHttpRequestException("The body is empty.");
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException($"The body is not valid JSON for {typeof(T).Name}: {ex.Message}");
        }
    }

    private static IResult Guard(Action action)
    {
        try
        {
            action();
            return Results.NoContent();
        }
        catch (SchemaException ex)
        {
            return Results.BadRequest(new { error = ex.Message });
        }
    }

    private static string Route(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return "/" + string.Join('/', parts.Select(p => SalesforceId.IsWellFormed(p) && p.Length == 18 ? "{id}" : p.StartsWith("01g", StringComparison.Ordinal) ? "{locator}" : p));
    }

    private sealed record SettingsChange(DuplicateRuleMode? DuplicateRule, int? QueryBatchSize, bool? IsSandbox, int? TokenLifetimeSeconds, int? BulkIngestRowLimit);

    private sealed record ClockChange(DateTimeOffset? Pin, double? AdvanceSeconds, bool? Release);

    private sealed record LimitsChange(int? DailyApiRequests);

    private sealed record FaultsChange(IReadOnlyList<FaultRule> Rules, int? Seed);

    private sealed record MergeRequest(string MasterId, IReadOnlyList<string> MergedIds);

    private sealed record TruncateRequest(string ObjectName, DateTimeOffset? Before);
}
