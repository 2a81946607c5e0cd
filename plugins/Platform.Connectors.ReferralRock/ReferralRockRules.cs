using System.Globalization;
using Platform.Sdk;

namespace Platform.Connectors.ReferralRock;

/// <summary>
/// What Referral Rock's Salesforce integration does that mappings cannot say: the rule for a new referral whose e-mail
/// already belongs to a Lead or Contact, and that encrypted (Shield) fields cannot be synced.
/// </summary>
internal sealed class ReferralRockRules(ExistingEmailRule rule) : ConnectorRules
{
    /// <summary>A Lead or Contact added this recently is not a reason to deny: another integration probably added it for the same referral.</summary>
    public static readonly TimeSpan RecentlyAdded = TimeSpan.FromMinutes(60);

    public override FieldEligibility CheckFieldEligibility(string entity, SalesforceField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Encrypted || field.Type == "encryptedstring"
            ? FieldEligibility.Ineligible($"{field.Name} is encrypted with Shield Platform Encryption, which the Referral Rock integration cannot decrypt: it is not supported.")
            : base.CheckFieldEligibility(entity, field);
    }

    public override MatchDecision DecideMatch(string entity, MatchedRecords match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var email = match.AppValues.GetValueOrDefault("email");
        switch (rule)
        {
            case ExistingEmailRule.Skip:
                return MatchDecision.Skip($"The e-mail {email} already belongs to a Salesforce record; the referral was not added (rule: skip).");
            case ExistingEmailRule.SetDenied when match.SalesforceCreatedAt is not { } created || match.Now - created >= RecentlyAdded:
                var since = match.SalesforceCreatedAt is { } at ? $" (added {at.ToString("u", CultureInfo.InvariantCulture)})" : "";
                return MatchDecision.Reject($"The e-mail {email} already belongs to a Salesforce record{since}; the referral was set to denied (rule: set denied).", new Dictionary<string, object?> { ["status"] = "denied" });
            default:
                return MatchDecision.Link;
        }
    }
}
