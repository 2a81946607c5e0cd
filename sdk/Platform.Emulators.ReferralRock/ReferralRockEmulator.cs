using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.Emulators.Hosting;

namespace Platform.Emulators.ReferralRock;

/// <summary>
/// Referral Rock's public REST API over real HTTP on a loopback port, below <c>/api</c>: programs, members and
/// referrals, authorised by HTTP Basic with the account's public and private keys. Lists page with <c>offset</c> and
/// <c>count</c> (1–200) and answer <c>{offset, total, message, &lt;items&gt;}</c>. Tests, demos and sandbox mode edit
/// the account through <see cref="Store"/> and read what the platform wrote.
/// </summary>
/// <remarks>
/// One assumption beyond the published reference: <c>GET api/referrals?updatedSince=…</c> lists referrals updated at
/// or after a time, oldest update first, removed ones included (flagged <c>deleted</c>). The connector polls with it;
/// against the real service the same feed comes from the ReferralAdd/ReferralUpdate webhooks.
/// </remarks>
public sealed class ReferralRockEmulator : LoopbackEmulator
{
    /// <summary>The most items a list returns.</summary>
    public const int MaxCount = 200;

    private ReferralRockEmulator(ReferralRockStore store, string publicKey, string privateKey)
    {
        Store = store;
        PublicKey = publicKey;
        PrivateKey = privateKey;
    }

    public string PublicKey { get; }

    public string PrivateKey { get; }

    public ReferralRockStore Store { get; }

    /// <summary>Starts the emulator on a loopback port the OS chooses.</summary>
    /// <param name="publicKey">The account's public key. Default: <c>rr-public</c>.</param>
    /// <param name="privateKey">The account's private key. Default: <c>rr-private</c>.</param>
    /// <param name="time">The account's clock. Default: the system clock.</param>
    public static async Task<ReferralRockEmulator> StartAsync(string publicKey = "rr-public", string privateKey = "rr-private", TimeProvider? time = null)
    {
        var emulator = new ReferralRockEmulator(new ReferralRockStore(time ?? TimeProvider.System), publicKey, privateKey);
        await emulator.ListenAsync();
        return emulator;
    }

    protected override void Map(WebApplication app)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PublicKey}:{PrivateKey}"));
        var api = MapApi(app, "/api", expected, "Authorization has been denied for this request.");

        api.MapGet("/programs", (HttpRequest request) =>
        {
            if (Paging(request, out var offset, out var count) is { } error)
            {
                return error;
            }

            var programs = Store.Programs();
            return List("programs", offset, programs.Count, programs.Skip(offset).Take(count).Select(p => JsonSerializer.SerializeToNode(p, JsonSerializerOptions.Web)));
        });
        api.MapGet("/members", (HttpRequest request) =>
        {
            if (Paging(request, out var offset, out var count) is { } error)
            {
                return error;
            }

            var (total, page) = Store.Members(Query(request, "programId"), Query(request, "memberId"), Query(request, "query"), offset, count);
            return List("members", offset, total, page.Select(m => (JsonNode?)Store.ToJson(m)));
        });
        api.MapPost("/members", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : Store.CreateMember(body) is var (member, error) && member is null ? JsonApi.Error(400, error!) : Results.Json(Store.ToJson(member!), statusCode: 201));
        api.MapGet("/referrals", (HttpRequest request) =>
        {
            if (Paging(request, out var offset, out var count) is { } error)
            {
                return error;
            }

            DateTimeOffset? since = null;
            if (Query(request, "updatedSince") is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                {
                    return JsonApi.Error(400, $"updatedSince must be an ISO 8601 date-time (got '{text}').");
                }

                since = parsed;
            }

            var (total, page) = Store.Referrals(Query(request, "programId"), Query(request, "memberId"), Query(request, "query"), since, offset, count);
            return List("referrals", offset, total, page.Select(r => (JsonNode?)Store.ToJson(r)));
        });
        api.MapPost("/referrals", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonObject body
            ? JsonApi.Error(400, "The body must be a JSON object.")
            : Store.CreateReferral(body) is var (referral, error) && referral is null ? JsonApi.Error(400, error!) : Results.Json(Store.ToJson(referral!), statusCode: 201));
        foreach (var route in new[] { "/referral/getsingle", "/referral/single" })
        {
            api.MapGet(route, (HttpRequest request) =>
                (Query(request, "id") ?? Query(request, "referralId") ?? Query(request, "email") ?? Query(request, "externalIdentifier")) is null
                    ? JsonApi.Error(400, "Give the referral's id, email or externalIdentifier.")
                    : Store.GetReferral(Query(request, "id") ?? Query(request, "referralId"), Query(request, "email"), Query(request, "externalIdentifier")) is { } referral
                        ? Results.Json(Store.ToJson(referral))
                        : JsonApi.Error(404, "No referral matches."));
        }

        api.MapPost("/referral/update", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonArray items
            ? JsonApi.Error(400, "The body must be a JSON array of {query, referral} items.")
            : Results.Json(new JsonArray([.. items.Select(item => (JsonNode?)UpdateOne(item))])));
        api.MapPost("/referral/remove", async (HttpRequest request) => await JsonApi.BodyAsync(request) is not JsonArray items
            ? JsonApi.Error(400, "The body must be a JSON array of {query} items.")
            : Results.Json(new JsonArray([.. items.Select(item => (JsonNode?)Result(item?["query"] is JsonObject q && Store.RemoveReferral(q) ? null : "no referral matches the query.", null))])));
    }

    private JsonObject UpdateOne(JsonNode? item)
    {
        if (item?["query"] is not JsonObject query || item["referral"] is not JsonObject changes)
        {
            return Result("each item needs a query and a referral object.", null);
        }

        var (referral, error) = Store.UpdateReferral(query, changes);
        return Result(error, referral?.Id);
    }

    private static JsonObject Result(string? error, string? referralId) => new()
    {
        ["resultInfo"] = new JsonObject
        {
            ["Status"] = error is null ? "Success" : "Failed",
            ["Message"] = error ?? "",
            ["ReferralId"] = referralId,
        },
    };

    private static IResult List(string name, int offset, int total, IEnumerable<JsonNode?> items) => Results.Json(new JsonObject
    {
        ["offset"] = offset,
        ["total"] = total,
        ["message"] = null,
        [name] = new JsonArray([.. items]),
    });

    private static IResult? Paging(HttpRequest request, out int offset, out int count)
    {
        offset = 0;
        count = 10;
        if (Query(request, "offset") is { } o && (!int.TryParse(o, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            return JsonApi.Error(400, $"offset must be 0 or more (got '{o}').");
        }

        if (Query(request, "count") is { } c && (!int.TryParse(c, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxCount))
        {
            return JsonApi.Error(400, $"count must be between 1 and {MaxCount} (got '{c}').");
        }

        return null;
    }

    private static string? Query(HttpRequest request, string name) => request.Query[name].FirstOrDefault() is { Length: > 0 } value ? value : null;
}
