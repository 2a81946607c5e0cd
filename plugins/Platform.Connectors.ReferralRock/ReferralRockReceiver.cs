using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>
/// Referral Rock's sales receiver: an entry from Salesforce updates the referral it matches, directly (Referral ID or
/// External ID) or fuzzily (the e-mail, else the full name, of the people the entry names); with no match, it adds a
/// referral to the member the entry names (referral code, e-mail or external id). The process rules decide what is done
/// at once and what waits for review; the entry's action is the status to set.
/// </summary>
internal sealed class ReferralRockReceiver(ReferralRockClient client, ReceiverRules rules) : ISalesforceReceiver
{
    private static readonly string[] Upgrades = ["qualified", "approved"];
    private static readonly string[] DirectKeys = ["referralId", "externalId"];

    public async Task<EntryResult> ProcessAsync(ReceivedEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (referrals, how) = await MatchAsync(entry, cancellationToken);
        if (referrals.Count == 0)
        {
            return await AddAsync(entry, cancellationToken);
        }

        var ids = referrals.Select(Id).ToArray();
        if (!entry.Approved && how == Match.Direct && !rules.AutoProcessDirect)
        {
            return EntryResult.Review($"Matches referral {ids[0]} directly; automatic processing of direct matches is off.", ids);
        }

        if (!entry.Approved && how == Match.Fuzzy && !rules.AutoProcessFuzzy)
        {
            return EntryResult.Review($"Matches referral {string.Join(", ", ids)} by e-mail or name; automatic processing of fuzzy matches is off.", ids);
        }

        var denied = referrals.Where(r => Status(r) == "denied" && entry.Action != "denied").Select(Id).ToArray();
        if (!entry.Approved && denied.Length > 0 && rules.ReviewDeniedUpgrade && Upgrades.Contains(entry.Action))
        {
            return EntryResult.Review($"Referral {string.Join(", ", denied)} is denied; Salesforce would set it to {entry.Action}.", ids);
        }

        var done = new List<string>(referrals.Count);
        foreach (var referral in referrals)
        {
            done.Add(await UpdateAsync(referral, entry, cancellationToken));
        }

        return EntryResult.Processed($"{(how == Match.Direct ? "Direct" : "Fuzzy")} match: {string.Join("; ", done)}.", ids);
    }

    private async Task<(IReadOnlyList<JsonObject> Referrals, Match How)> MatchAsync(ReceivedEntry entry, CancellationToken cancellationToken)
    {
        foreach (var (field, by) in new[] { ("referralId", "id"), ("externalId", "externalIdentifier") })
        {
            if (entry.Values.GetValueOrDefault(field) is { Length: > 0 } value && await client.FindReferralAsync(by, value, cancellationToken) is { } direct)
            {
                return ([direct], Match.Direct);
            }
        }

        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var person in entry.People)
        {
            var byEmail = person.Email is { Length: > 0 } email ? await client.FindReferralAsync("email", email, cancellationToken) : null;
            IReadOnlyList<JsonObject> matches = byEmail is not null ? [byEmail]
                : person is { FirstName.Length: > 0, LastName.Length: > 0 } ? await client.FindReferralsByNameAsync(person.FirstName, person.LastName, cancellationToken)
                : [];
            // A name shared by several referrals names none of them.
            if (matches.Count == 1)
            {
                found.TryAdd(Id(matches[0]), matches[0]);
            }
        }

        return ([.. found.Values], Match.Fuzzy);
    }

    private async Task<string> UpdateAsync(JsonObject referral, ReceivedEntry entry, CancellationToken cancellationToken)
    {
        var current = Status(referral);
        var keepDenied = current == "denied" && entry.Action != "denied" && !rules.AllowDeniedOverride && !entry.Approved;
        var changes = Changes(entry);
        if (current != entry.Action && !keepDenied)
        {
            changes["status"] = entry.Action;
        }

        if (changes.Count > 0)
        {
            await client.UpdateReferralAsync(Id(referral), changes, cancellationToken);
        }

        var status = keepDenied ? $"stays denied (Salesforce may not override denied referrals), not {entry.Action}"
            : current == entry.Action ? $"already {current}"
            : $"{current} → {entry.Action}";
        var fields = changes.Select(c => c.Key).Where(k => k != "status").ToArray();
        return $"referral {Id(referral)} {status}{(fields.Length > 0 ? $", updated {string.Join(", ", fields)}" : "")}";
    }

    private async Task<EntryResult> AddAsync(ReceivedEntry entry, CancellationToken cancellationToken)
    {
        var keys = new[] { ("memberReferralCode", "referralCode"), ("memberEmail", "email"), ("memberExternalId", "externalIdentifier") }
            .Select(k => (k.Item2, Value: entry.Values.GetValueOrDefault(k.Item1)))
            .Where(k => !string.IsNullOrEmpty(k.Value))
            .ToArray();
        JsonObject? member = null;
        foreach (var (property, value) in keys)
        {
            member ??= await client.FindMemberAsync(property, value!, cancellationToken);
        }

        if (member is null)
        {
            var why = keys.Length == 0
                ? $"No referral matches {Described(entry)}, and the entry names no member (map a member match field: memberReferralCode, memberEmail or memberExternalId) to add one to."
                : $"No referral matches {Described(entry)}, and no member has {string.Join(" or ", keys.Select(k => $"{k.Item1} '{k.Value}'"))}; correct the value and retry.";
            return entry.Approved ? EntryResult.Failed(why) : rules.ReviewNoMemberMatch ? EntryResult.Review(why) : EntryResult.Failed(why);
        }

        var person = entry.People.Count > 0 ? entry.People[0] : null;
        var referral = Changes(entry);
        referral["referralCode"] = ReferralRockValues.Text(member["referralCode"]);
        referral["status"] = entry.Action;
        referral["firstName"] ??= person?.FirstName;
        referral["lastName"] ??= person?.LastName;
        referral["email"] ??= person?.Email;
        var id = await client.AddReferralAsync(referral, cancellationToken);
        return EntryResult.Processed($"No referral matched; added referral {id} ({entry.Action}) for member {ReferralRockValues.Text(member["id"])} ({ReferralRockValues.Text(member["referralCode"])}).", id);
    }

    /// <summary>The referral properties the entry's update fields set; null values leave the referral's as they are.</summary>
    private static JsonObject Changes(ReceivedEntry entry)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (field, value) in entry.Values)
        {
            if (value is null || !ReferralRockSchema.ReceiverUpdateFields.Contains(field))
            {
                continue;
            }

            values[field] = field == "amount" && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : value;
        }

        return ReferralRockValues.ToBody(values);
    }

    private static string Described(ReceivedEntry entry)
    {
        var keys = DirectKeys.Where(k => entry.Values.GetValueOrDefault(k) is { Length: > 0 }).Select(k => $"{k} '{entry.Values[k]}'")
            .Concat(entry.People.Select(p => p.Email ?? $"{p.FirstName} {p.LastName}".Trim()).Where(p => p.Length > 0))
            .ToArray();
        return keys.Length == 0 ? $"{entry.TriggerObject} {entry.TriggerId} (it carries no referral id, external id, e-mail or name)" : string.Join(", ", keys);
    }

    private static string Id(JsonObject referral) => referral["id"]!.GetValue<string>();

    private static string Status(JsonObject referral) => ReferralRockValues.Text(referral["status"])?.ToLowerInvariant() ?? "pending";

    private enum Match
    {
        Direct,
        Fuzzy,
    }
}

/// <summary>The sales receiver's process rules, from the integration's settings.</summary>
internal sealed record ReceiverRules(bool AutoProcessDirect, bool AutoProcessFuzzy, bool ReviewNoMemberMatch, bool ReviewDeniedUpgrade, bool AllowDeniedOverride);
