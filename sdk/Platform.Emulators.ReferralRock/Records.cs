namespace Platform.Emulators.ReferralRock;

/// <summary>A referral program.</summary>
public sealed record ProgramRecord(string Id, string Name, string Title);

/// <summary>A member (an advocate who refers), as <c>api/members</c> shows one.</summary>
public sealed class MemberRecord
{
    public required string Id { get; init; }

    public required string ProgramId { get; init; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? ExternalIdentifier { get; set; }

    /// <summary>The member's unique referral code; a referral names its member by this code.</summary>
    public required string ReferralCode { get; init; }

    public string? CustomText1Name { get; set; }

    public string? CustomText1Value { get; set; }

    public string? CustomText2Name { get; set; }

    public string? CustomText2Value { get; set; }

    public string? CustomOption1Name { get; set; }

    public string? CustomOption1Value { get; set; }

    public bool DisabledFlag { get; set; }

    public DateTimeOffset CreateDt { get; set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    internal MemberRecord Clone() => (MemberRecord)MemberwiseClone();
}

/// <summary>A referral (a lead an advocate brought), as <c>api/referrals</c> shows one, without the member and program names it adds.</summary>
public sealed class ReferralRecord
{
    public required string Id { get; init; }

    public required string ProgramId { get; init; }

    public required string ReferringMemberId { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? ExternalIdentifier { get; set; }

    public string? CompanyName { get; set; }

    /// <summary>pending, qualified, approved or denied.</summary>
    public string Status { get; set; } = "pending";

    public decimal Amount { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    public string? PublicNote { get; set; }

    public string? PreferredContact { get; set; }

    public Dictionary<string, string?> Custom { get; private set; } = new(StringComparer.Ordinal);

    public DateTimeOffset CreateDate { get; set; }

    public DateTimeOffset UpdateDate { get; set; }

    public DateTimeOffset? QualifiedDate { get; set; }

    public DateTimeOffset? ApprovedDate { get; set; }

    public bool Deleted { get; set; }

    internal ReferralRecord Clone()
    {
        var copy = (ReferralRecord)MemberwiseClone();
        copy.Custom = new Dictionary<string, string?>(Custom, StringComparer.Ordinal);
        return copy;
    }
}
