namespace Platform.Sdk;

/// <summary>What a connector's rules can see of a Salesforce field, taken from the object's describe.</summary>
public sealed record SalesforceField
{
    /// <summary>API name, e.g. <c>Industry</c> or <c>ClientSuccess__SuccessScore__c</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Label shown in Salesforce. Default: <see cref="Name"/>.</summary>
    public string? Label { get; init; }

    /// <summary>Describe's <c>type</c>, lower case: <c>string</c>, <c>picklist</c>, <c>multipicklist</c>, <c>reference</c>, <c>address</c>…</summary>
    public required string Type { get; init; }

    /// <summary>Describe's <c>extraTypeInfo</c>, e.g. <c>richtextarea</c> or <c>externallookup</c>. Default: <see langword="null"/>.</summary>
    public string? ExtraTypeInfo { get; init; }

    /// <summary>Whether the value can be set on create.</summary>
    public bool Createable { get; init; }

    /// <summary>Whether the value can be changed on update.</summary>
    public bool Updateable { get; init; }

    /// <summary>Whether Salesforce computes the value (formula or roll-up).</summary>
    public bool Calculated { get; init; }

    /// <summary>Whether the value is encrypted at rest (Shield Platform Encryption or <c>encryptedstring</c>).</summary>
    public bool Encrypted { get; init; }

    /// <summary>Whether the field is an external id.</summary>
    public bool ExternalId { get; init; }

    /// <summary>For picklists: the active values. Default: empty.</summary>
    public IReadOnlyList<string> PicklistValues { get; init; } = [];

    /// <summary>For picklists: whether only <see cref="PicklistValues"/> are accepted.</summary>
    public bool RestrictedPicklist { get; init; }
}

/// <summary>Whether a Salesforce field may take part in a mapping, and why not.</summary>
/// <param name="IsEligible">Whether the field may be mapped.</param>
/// <param name="Reason">Why it may not, naming the field and its type; <see langword="null"/> when eligible.</param>
public readonly record struct FieldEligibility(bool IsEligible, string? Reason)
{
    /// <summary>The field may be mapped.</summary>
    public static FieldEligibility Eligible { get; } = new(true, null);

    /// <summary>The field may not be mapped.</summary>
    /// <param name="reason">Why not, naming the field and its type.</param>
    /// <returns>The verdict.</returns>
    public static FieldEligibility Ineligible(string reason) => new(false, reason);
}
