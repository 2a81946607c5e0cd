using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>
/// Referral Rock's REST API: polls referrals by update time (a keyset cursor of time and id, so referrals sharing a
/// time are neither missed nor repeated), adds each referring member's details, and writes referral updates (status,
/// amount, names, custom fields) through <c>api/referral/update</c>, one referral per item.
/// </summary>
internal sealed partial class ReferralRockClient(HttpClient http, Uri baseUrl, Uri appUrl, string publicKey, string privateKey) : IAppClient
{
    private const int PageSize = 200;

    private readonly string _authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{publicKey}:{privateKey}"));

    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        Require(entity);
        var position = KeysetCursor.Parse(cursor);
        var changes = new List<AppChange>(Math.Min(maxCount, PageSize));
        var members = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        var next = cursor;
        for (var offset = 0; changes.Count < maxCount; offset += PageSize)
        {
            var from = Uri.EscapeDataString((position?.ModifiedAt ?? DateTimeOffset.UnixEpoch).ToString("O", CultureInfo.InvariantCulture));
            var page = await SendAsync(HttpMethod.Get, $"api/referrals?updatedSince={from}&offset={offset}&count={PageSize}", null, cancellationToken);
            var items = page!["referrals"]!.AsArray();
            foreach (var row in items.OfType<JsonObject>())
            {
                var updated = DateTimeOffset.Parse(row["updateDate"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                var id = row["id"]!.GetValue<string>();
                if (!KeysetCursor.IsAfter(position, updated, id) || changes.Count == maxCount)
                {
                    continue;
                }

                changes.Add(row["deleted"]?.GetValue<bool>() == true
                    ? new AppChange { Id = id, Kind = AppChangeKind.Deleted, OccurredAt = updated }
                    : new AppChange { Id = id, Kind = AppChangeKind.Upserted, OccurredAt = updated, Record = await RecordAsync(row, members, cancellationToken) });
                next = new KeysetCursor(updated, id).ToString();
            }

            if (items.Count < PageSize)
            {
                break;
            }
        }

        return new AppChangePage { Changes = changes, Cursor = next, HasMore = changes.Count == maxCount };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        Require(entity);
        var row = await SendAsync(HttpMethod.Get, $"api/referral/getsingle?id={Uri.EscapeDataString(id)}", null, cancellationToken, allowNotFound: true);
        return row is JsonObject json ? await RecordAsync(json, [], cancellationToken) : null;
    }

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        Require(entity);
        var results = new List<AppWriteResult>(writes.Count);
        foreach (var write in writes)
        {
            results.Add(await WriteOneAsync(write, cancellationToken));
        }

        return results;
    }

    public async Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Get, "api/programs?count=1", null, cancellationToken);
            return [];
        }
        catch (ConnectorException e)
        {
            return [$"Referral Rock API at {baseUrl}: {e.Message}"];
        }
        catch (HttpRequestException e)
        {
            return [$"Referral Rock API at {baseUrl} is unreachable: {e.Message}"];
        }
    }

    private async Task<AppWriteResult> WriteOneAsync(AppWrite write, CancellationToken cancellationToken)
    {
        try
        {
            switch (write.Kind)
            {
                case AppWriteKind.Delete:
                    await SendAsync(HttpMethod.Post, "api/referral/remove", new JsonArray(new JsonObject { ["query"] = Query(write.Id!) }), cancellationToken);
                    return AppWriteResult.Success(write.Id!);
                case AppWriteKind.Update:
                    await UpdateReferralAsync(write.Id!, ReferralRockValues.ToBody(write.Values), cancellationToken);
                    return AppWriteResult.Success(write.Id!);
                default:
                    if (write.Values.GetValueOrDefault("memberReferralCode") is not string code)
                    {
                        return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "NO_MEMBER", Message = "A referral can only be added to Referral Rock for a member: the referring member's referral code is missing." }, null);
                    }

                    var body = ReferralRockValues.ToBody(write.Values);
                    body["referralCode"] = code;
                    var created = await SendAsync(HttpMethod.Post, "api/referrals", body, cancellationToken);
                    return AppWriteResult.Success(created!["id"]!.GetValue<string>());
            }
        }
        catch (ConnectorException e) when (e.Error.Kind != ConnectorErrorKind.Unauthorized)
        {
            return AppWriteResult.Failure(e.Error, write.Id);
        }
        catch (HttpRequestException e)
        {
            return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Transient, Code = "UNREACHABLE", Message = $"Referral Rock is unreachable: {e.Message}" }, write.Id);
        }
    }

    private static JsonObject Query(string referralId) => new() { ["primaryInfo"] = new JsonObject { ["referralId"] = referralId } };

    private async Task<AppRecord> RecordAsync(JsonObject row, Dictionary<string, JsonObject?> members, CancellationToken cancellationToken)
    {
        var memberId = ReferralRockValues.Text(row["referringMemberId"]);
        JsonObject? member = null;
        if (memberId is not null && !members.TryGetValue(memberId, out member))
        {
            var found = await SendAsync(HttpMethod.Get, $"api/members?memberId={Uri.EscapeDataString(memberId)}&count=1", null, cancellationToken);
            members[memberId] = member = found?["members"]?.AsArray().FirstOrDefault() as JsonObject;
        }

        return new AppRecord
        {
            Id = row["id"]!.GetValue<string>(),
            ModifiedAt = DateTimeOffset.Parse(row["updateDate"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Values = ReferralRockValues.FromReferral(row, member, appUrl),
        };
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await http.SendAsync(request, cancellationToken);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(await ErrorAsync(response, cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    private static async Task<ConnectorError> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            message = ReferralRockValues.Text((await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["message"]);
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status alone says enough.
        }

        return ConnectorError.FromHttpStatus("Referral Rock", (int)response.StatusCode, message ?? response.ReasonPhrase);
    }

    private static void Require(string entity)
    {
        if (entity != ReferralRockSchema.Referral.Name)
        {
            throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = $"Referral Rock has no entity '{entity}'." });
        }
    }
}
