using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>
/// Referral Rock's REST API: polls referrals by update time (a keyset cursor of time and id, so referrals sharing a
/// time are neither missed nor repeated), adds each referring member's details, and writes referral updates (status,
/// amount, names, custom fields) through <c>api/referral/update</c>, one referral per item.
/// </summary>
internal sealed partial class ReferralRockClient(AppApi api, Uri appUrl) : IAppClient
{
    private const int PageSize = 200;

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
            var page = await api.SendAsync(HttpMethod.Get, $"api/referrals?updatedSince={from}&offset={offset}&count={PageSize}", null, cancellationToken);
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
        var row = await api.SendAsync(HttpMethod.Get, $"api/referral/getsingle?id={Uri.EscapeDataString(id)}", null, cancellationToken, allowNotFound: true);
        return row is JsonObject json ? await RecordAsync(json, [], cancellationToken) : null;
    }

    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        Require(entity);
        return api.WriteEachAsync(writes, WriteOneAsync, cancellationToken);
    }

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        api.CheckAsync(token => api.SendAsync(HttpMethod.Get, "api/programs?count=1", null, token), cancellationToken);

    private async Task<AppWriteResult> WriteOneAsync(AppWrite write, CancellationToken cancellationToken)
    {
        switch (write.Kind)
        {
            case AppWriteKind.Delete:
                await api.SendAsync(HttpMethod.Post, "api/referral/remove", new JsonArray(new JsonObject { ["query"] = Query(write.Id!) }), cancellationToken);
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
                var created = await api.SendAsync(HttpMethod.Post, "api/referrals", body, cancellationToken);
                return AppWriteResult.Success(created!["id"]!.GetValue<string>());
        }
    }

    private static JsonObject Query(string referralId) => new() { ["primaryInfo"] = new JsonObject { ["referralId"] = referralId } };

    private async Task<AppRecord> RecordAsync(JsonObject row, Dictionary<string, JsonObject?> members, CancellationToken cancellationToken)
    {
        var memberId = ReferralRockValues.Text(row["referringMemberId"]);
        JsonObject? member = null;
        if (memberId is not null && !members.TryGetValue(memberId, out member))
        {
            var found = await api.SendAsync(HttpMethod.Get, $"api/members?memberId={Uri.EscapeDataString(memberId)}&count=1", null, cancellationToken);
            members[memberId] = member = found?["members"]?.AsArray().FirstOrDefault() as JsonObject;
        }

        return new AppRecord
        {
            Id = row["id"]!.GetValue<string>(),
            ModifiedAt = DateTimeOffset.Parse(row["updateDate"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Values = ReferralRockValues.FromReferral(row, member, appUrl),
        };
    }

    private static void Require(string entity)
    {
        if (entity != ReferralRockSchema.Referral.Name)
        {
            throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Message = $"Referral Rock has no entity '{entity}'." });
        }
    }
}
