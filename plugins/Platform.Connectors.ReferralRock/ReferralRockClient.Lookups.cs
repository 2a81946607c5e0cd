using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>The look-ups and writes the sales receiver needs: referrals by id, external id, e-mail or name; members by referral code, e-mail or external id.</summary>
internal sealed partial class ReferralRockClient
{
    /// <summary>The referral with this id, external identifier or (newest) e-mail, or null.</summary>
    /// <param name="by"><c>id</c>, <c>externalIdentifier</c> or <c>email</c>.</param>
    /// <param name="value">The value to look for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<JsonObject?> FindReferralAsync(string by, string value, CancellationToken cancellationToken) =>
        await api.SendAsync(HttpMethod.Get, $"api/referral/getsingle?{by}={Uri.EscapeDataString(value)}", null, cancellationToken, allowNotFound: true) as JsonObject;

    /// <summary>Referrals whose first and last name are exactly these (ignoring case); the search itself is broader.</summary>
    public async Task<IReadOnlyList<JsonObject>> FindReferralsByNameAsync(string firstName, string lastName, CancellationToken cancellationToken)
    {
        var page = await api.SendAsync(HttpMethod.Get, $"api/referrals?query={Uri.EscapeDataString($"{firstName} {lastName}")}&count=200", null, cancellationToken);
        return [.. page!["referrals"]!.AsArray().OfType<JsonObject>().Where(r =>
            Same(ReferralRockValues.Text(r["firstName"]), firstName) && Same(ReferralRockValues.Text(r["lastName"]), lastName))];
    }

    /// <summary>The member whose property (<c>referralCode</c>, <c>email</c>, <c>externalIdentifier</c>) is exactly this value, or null.</summary>
    public async Task<JsonObject?> FindMemberAsync(string property, string value, CancellationToken cancellationToken)
    {
        var page = await api.SendAsync(HttpMethod.Get, $"api/members?query={Uri.EscapeDataString(value)}&count=200", null, cancellationToken);
        return page!["members"]!.AsArray().OfType<JsonObject>().FirstOrDefault(m => Same(ReferralRockValues.Text(m[property]), value));
    }

    /// <summary>Updates one referral; throws when Referral Rock refuses it.</summary>
    public async Task UpdateReferralAsync(string referralId, JsonObject changes, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Post, "api/referral/update", new JsonArray(new JsonObject { ["query"] = Query(referralId), ["referral"] = changes }), cancellationToken);
        if (answer?[0]?["resultInfo"] is { } result && ReferralRockValues.Text(result["Status"]) != "Success")
        {
            throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "UPDATE_FAILED", Message = $"Referral Rock refused the update of referral {referralId}: {ReferralRockValues.Text(result["Message"])}" });
        }
    }

    /// <summary>Adds a referral for the member whose referral code the body carries; returns its id.</summary>
    public async Task<string> AddReferralAsync(JsonObject referral, CancellationToken cancellationToken) =>
        (await api.SendAsync(HttpMethod.Post, "api/referrals", referral, cancellationToken))!["id"]!.GetValue<string>();

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
