using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Connectors.ReferralRock;

/// <summary>Between the API's JSON (referrals, members) and the referral entity's typed values.</summary>
internal static class ReferralRockValues
{
    public static readonly IReadOnlyList<string> ReferralCustomFields = ["customText1", "customText2", "customText3", "customOption1", "customOption2"];

    public static readonly IReadOnlyList<(string Entity, string Api)> MemberCustomFields =
        [("memberCustomText1", "customText1"), ("memberCustomText2", "customText2"), ("memberCustomOption1", "customOption1")];

    /// <summary>Entity field → the referral property it is read from and written to, where the names differ.</summary>
    private static readonly Dictionary<string, string> Properties = new(StringComparer.Ordinal)
    {
        ["phone"] = "phoneNumber",
        ["externalId"] = "externalIdentifier",
        ["memberId"] = "referringMemberId",
        ["memberName"] = "referringMemberName",
        ["memberExternalId"] = "memberExternalIdentifier",
        ["createdAt"] = "createDate",
    };

    /// <summary>Fields a referral update may change (the rest are Referral Rock's own or the member's).</summary>
    private static readonly HashSet<string> Writable = new(["firstName", "lastName", "email", "companyName", "phone", "externalId", "status", "amount", "note", .. ReferralCustomFields], StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, object?> FromReferral(JsonObject referral, JsonObject? member, Uri appUrl)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in new[] { "id", "programId", "programName", "firstName", "lastName", "email", "companyName", "phone", "externalId", "status", "source", "note", "memberId", "memberName", "memberEmail", "memberExternalId", "memberReferralCode" })
        {
            values[name] = Text(referral[Properties.GetValueOrDefault(name, name)]);
        }

        values["source"] ??= "Referral Rock";
        values["amount"] = referral["amount"]?.GetValue<decimal>();
        values["createdAt"] = Text(referral["createDate"]) is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;
        values["referralUrl"] = new Uri(appUrl, $"referrals/{values["id"]}").ToString();
        values["memberUrl"] = new Uri(appUrl, $"members/{values["memberId"]}").ToString();
        values["sourceNote"] = $"Referred by {values["memberName"]} ({values["memberEmail"]}) through the Referral Rock program {Text(referral["programTitle"]) ?? values["programName"]}.";
        foreach (var field in ReferralCustomFields)
        {
            values[field] = Text(referral[field + "Value"]);
        }

        values["memberPhone"] = Text(member?["phone"]);
        foreach (var (entity, api) in MemberCustomFields)
        {
            values[entity] = Text(member?[api + "Value"]);
        }

        return values;
    }

    /// <summary>The referral properties an update or create sends; read-only fields are left out.</summary>
    public static JsonObject ToBody(IReadOnlyDictionary<string, object?> values)
    {
        var body = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (!Writable.Contains(name))
            {
                continue;
            }

            var property = ReferralCustomFields.Contains(name) ? name + "Value" : Properties.GetValueOrDefault(name, name);
            body[property] = value switch
            {
                null => null,
                decimal d => d,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        return body;
    }

    public static string? Text(JsonNode? node) => node is null ? null : node.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
}
