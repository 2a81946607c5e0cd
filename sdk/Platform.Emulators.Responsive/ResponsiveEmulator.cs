using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Emulators.Hosting;

namespace Platform.Emulators.Responsive;

/// <summary>
/// Responsive's public project API over real HTTP on a loopback port, below <c>/rfpserver/ext/v1</c>: projects and
/// intakes (create, details, update, search by update time or associated Salesforce record) and a project's exported
/// response packages (list and download), authorised by <c>Authorization: Bearer {token}</c>. Tests and demos act as
/// Responsive users through <see cref="Store"/>.
/// </summary>
public sealed class ResponsiveEmulator : LoopbackEmulator
{
    /// <summary>The largest page search returns.</summary>
    public const int MaxPageSize = 200;

    private ResponsiveEmulator(ResponsiveStore store, string token)
    {
        Store = store;
        Token = token;
    }

    /// <summary>The API token the emulator accepts.</summary>
    public string Token { get; }

    public ResponsiveStore Store { get; }

    /// <summary>Starts the emulator on a loopback port the OS chooses.</summary>
    /// <param name="token">The API token to accept. Default: <c>responsive-emulator-token</c>.</param>
    /// <param name="time">The organisation's clock. Default: the system clock.</param>
    public static async Task<ResponsiveEmulator> StartAsync(string token = "responsive-emulator-token", TimeProvider? time = null)
    {
        var emulator = new ResponsiveEmulator(new ResponsiveStore(time ?? TimeProvider.System), token);
        await emulator.ListenAsync();
        return emulator;
    }

    /// <summary>The API's JSON for a project or an intake.</summary>
    private static JsonObject ToJson(WorkRecord work) => new JsonObject
    {
        ["id"] = work.Id,
        ["name"] = work.Name,
        ["dueDate"] = work.DueDate?.ToString(ResponsiveStore.DueDateFormat, CultureInfo.InvariantCulture),
        [work.Kind == WorkKind.Project ? "primaryContact" : "requester"] = work.PrimaryContact,
        ["additionalContacts"] = new JsonArray([.. work.AdditionalContacts.Select(c => JsonValue.Create(c))]),
        ["category"] = new JsonArray([.. work.Category.Select(c => JsonValue.Create(c))]),
        ["clientName"] = work.ClientName,
        ["clientEmail"] = work.ClientEmail,
        ["clientPhone"] = work.ClientPhone,
        ["customFields"] = new JsonObject(work.CustomFields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value))),
        ["dealSize"] = work.DealSize,
        ["description"] = work.Description,
        ["externalId"] = work.ExternalId,
        ["primaryBU"] = work.PrimaryBU,
        ["projectType"] = work.ProjectType,
        [work.Kind == WorkKind.Project ? "stage" : "status"] = work.Stage,
        ["crmRecordId"] = work.CrmRecordId,
        ["crmObjectType"] = work.CrmObjectType,
        ["lastActivityAt"] = work.LastActivityAt,
        ["createdAt"] = work.CreatedAt,
        ["updatedAt"] = work.UpdatedAt,
    };

    protected override void Map(WebApplication app)
    {
        var api = MapApi(app, "/rfpserver/ext/v1", $"Bearer {Token}", "Invalid or missing API token.");
        MapWork(api, "projects", WorkKind.Project);
        MapWork(api, "intakes", WorkKind.Intake);
        api.MapGet("/projects/{id:long}/exports", (long id) => Store.Exports(id) is { } exports
            ? Results.Json(exports.Select(e => new { e.Id, e.ProjectId, e.FileName, e.ContentType, e.Size, e.ExportedAt, e.ExportedBy }), JsonSerializerOptions.Web)
            : NotFound("project", id));
        api.MapGet("/projects/{id:long}/exports/{exportId:long}/download", (long id, long exportId) => Store.Export(id, exportId) is { } package
            ? Results.File(package.Content, package.ContentType, package.FileName)
            : JsonApi.Error(StatusCodes.Status404NotFound, $"No export {exportId} in project {id}."));
    }

    private void MapWork(RouteGroupBuilder api, string collection, WorkKind kind)
    {
        var noun = kind == WorkKind.Project ? "project" : "intake";
        api.MapPost($"/{collection}/create", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : Saved(Store.Create(kind, Renamed(kind, body))));
        api.MapGet($"/{collection}/{{id:long}}", (long id) => Store.Get(kind, id) is { } work ? Results.Json(ToJson(work)) : NotFound(noun, id));
        api.MapPost($"/{collection}/{{id:long}}/update", async (long id, HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : Store.Update(kind, id, Renamed(kind, body)) is var (work, error) && work is null && error is null ? NotFound(noun, id) : Saved((work, error)));
        api.MapPost($"/{collection}/search", async (HttpRequest request) =>
        {
            if (await JsonApi.BodyAsync(request) is not JsonObject body)
            {
                return JsonApi.Error(400, "The body must be a JSON object.");
            }

            DateTimeOffset? since = null;
            if (body["updatedSince"]?.GetValue<string>() is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return JsonApi.Error(400, $"updatedSince must be an ISO 8601 date-time (got '{text}').");
                }

                since = parsed;
            }

            var page = body["page"]?.GetValue<int>() ?? 0;
            var size = body["size"]?.GetValue<int>() ?? 50;
            if (page < 0 || size is < 1 or > MaxPageSize)
            {
                return JsonApi.Error(400, $"page must be 0 or more and size between 1 and {MaxPageSize}.");
            }

            var (rows, total) = Store.Search(kind, since, body["crmRecordId"]?.GetValue<string>(), body["externalId"]?.GetValue<string>(), page, size);
            return Results.Json(new JsonObject
            {
                ["content"] = new JsonArray([.. rows.Select(ToJson)]),
                ["totalElements"] = total,
                ["page"] = page,
                ["size"] = size,
            });
        });
    }

    /// <summary>An intake's requester is its owner, as a project's primary contact is.</summary>
    private static JsonObject Renamed(WorkKind kind, JsonObject body)
    {
        if (kind == WorkKind.Intake && body.Remove("requester", out var requester))
        {
            body["primaryContact"] = requester;
        }

        return body;
    }

    private static IResult Saved((WorkRecord? Record, string? Error) result) => result.Error is { } error
        ? JsonApi.Error(StatusCodes.Status400BadRequest, error)
        : Results.Json(ToJson(result.Record!));

    private static IResult NotFound(string kind, long id) => JsonApi.Error(StatusCodes.Status404NotFound, $"No {kind} with id {id}.");
}
