using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Emulators.Hosting;

namespace Platform.Emulators.ClientSuccess;

/// <summary>
/// ClientSuccess's Open API v2 over real HTTP on a loopback port: clients, contacts and employees under <c>/v2</c>,
/// authorised by the API key in the <c>Authorization</c> header. Tests, demos and sandbox mode edit the account through
/// <see cref="Store"/> as a ClientSuccess user would, and read what the platform wrote.
/// </summary>
public sealed class ClientSuccessEmulator : LoopbackEmulator
{
    /// <summary>The largest page the list endpoints return.</summary>
    public const int MaxPageSize = 500;

    private ClientSuccessEmulator(ClientSuccessStore store, string apiKey)
    {
        Store = store;
        ApiKey = apiKey;
    }

    /// <summary>The key the API accepts.</summary>
    public string ApiKey { get; }

    public ClientSuccessStore Store { get; }

    /// <summary>Starts the emulator on a loopback port the OS chooses.</summary>
    /// <param name="apiKey">The API key to accept. Default: <c>cs-emulator-key</c>.</param>
    /// <param name="time">The account's clock. Default: the system clock.</param>
    public static async Task<ClientSuccessEmulator> StartAsync(string apiKey = "cs-emulator-key", TimeProvider? time = null)
    {
        var emulator = new ClientSuccessEmulator(new ClientSuccessStore(time ?? TimeProvider.System), apiKey);
        // The connector's apiBaseUrl is the API root, e.g. http://127.0.0.1:5123/v2/.
        await emulator.ListenAsync("v2/");
        return emulator;
    }

    protected override void Map(WebApplication app)
    {
        var api = MapApi(app, "/v2", ApiKey, "Invalid or missing API key.");

        MapResource(api, "client", "crmCustomerId", Store.Clients, Store.CreateClient, Store.GetClient, Store.UpdateClient, Store.DeleteClient);
        MapResource(api, "contact", "clientUuid", Store.Contacts, Store.CreateContact, Store.GetContact, Store.UpdateContact, Store.DeleteContact);
        api.MapGet("/employees", () => Results.Json(Store.Employees, JsonSerializerOptions.Web));
    }

    /// <summary>
    /// One resource's endpoints: <c>GET /{name}s</c> (polling, with one filter), <c>POST /{name}</c>, and
    /// <c>GET</c>, <c>PATCH</c>, <c>DELETE /{name}/{uuid}</c>.
    /// </summary>
    private static void MapResource<T>(
        RouteGroupBuilder api,
        string name,
        string filter,
        Func<DateTimeOffset?, bool, string?, int, int, IReadOnlyList<T>> list,
        Func<JsonObject, (T?, string?)> create,
        Func<string, T?> get,
        Func<string, JsonObject, (T?, string?)> update,
        Func<string, bool> delete)
        where T : class
    {
        api.MapGet($"/{name}s", (HttpRequest request) => Page(request, out var since, out var deleted, out var page, out var size) is { } error
            ? error
            : Results.Json(list(since, deleted, request.Query[filter].FirstOrDefault(), page, size), JsonSerializerOptions.Web));
        api.MapPost($"/{name}", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : Saved(create(body), StatusCodes.Status201Created));
        api.MapGet($"/{name}/{{uuid}}", (string uuid) => get(uuid) is { } record ? Results.Json(record, JsonSerializerOptions.Web) : NotFound(name, uuid));
        api.MapMethods($"/{name}/{{uuid}}", ["PATCH"], async (string uuid, HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : update(uuid, body) is var (record, error) && record is null && error is null ? NotFound(name, uuid) : Saved((record, error), StatusCodes.Status200OK));
        api.MapDelete($"/{name}/{{uuid}}", (string uuid) => delete(uuid) ? Results.NoContent() : NotFound(name, uuid));
    }

    private static IResult Saved<T>((T? Record, string? Error) result, int status) => result.Error is { } error
        ? JsonApi.Error(StatusCodes.Status400BadRequest, error)
        : Results.Json(result.Record, JsonSerializerOptions.Web, statusCode: status);

    private static IResult? Page(HttpRequest request, out DateTimeOffset? since, out bool includeDeleted, out int page, out int pageSize)
    {
        since = null;
        includeDeleted = request.Query["includeDeleted"] == "true";
        page = 1;
        pageSize = 100;
        if (request.Query["modifiedSince"].FirstOrDefault() is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return JsonApi.Error(400, $"modifiedSince must be an ISO 8601 date-time (got '{text}').");
            }

            since = parsed;
        }

        if (request.Query["page"].FirstOrDefault() is { } p && (!int.TryParse(p, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return JsonApi.Error(400, $"page must be 1 or more (got '{p}').");
        }

        if (request.Query["pageSize"].FirstOrDefault() is { } s && (!int.TryParse(s, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            return JsonApi.Error(400, $"pageSize must be between 1 and {MaxPageSize} (got '{s}').");
        }

        return null;
    }

    private static IResult NotFound(string kind, string uuid) => JsonApi.Error(StatusCodes.Status404NotFound, $"No {kind} with uuid '{uuid}'.");
}
