namespace Platform.Salesforce.Related;

/// <summary>How a record of one object leads to a record of another.</summary>
public enum RelationshipKind
{
    /// <summary>No path: the value is always null.</summary>
    None,

    /// <summary>The same object: the record itself.</summary>
    Self,

    /// <summary>A lookup on the record (e.g. <c>Contact.AccountId</c>): the parent when it is set, else null.</summary>
    ToOne,

    /// <summary>Records that point at this one (directly, or through a junction object): the record only when exactly one exists, else null.</summary>
    ToMany,
}

/// <summary>
/// One row of the relationship table between Lead, Contact, Account and Opportunity, as Referral Rock's sales receiver
/// resolves them: same object → itself; Contact and Opportunity → their Account (1 to 1); Account → its Contacts and
/// Opportunities, and Contact ↔ Opportunity through OpportunityContactRole (1 to many). A Lead reaches only itself.
/// </summary>
/// <param name="Kind">The kind of path.</param>
/// <param name="LookupField">For <see cref="RelationshipKind.ToOne"/>: the lookup on the trigger record.</param>
/// <param name="ChildObject">For <see cref="RelationshipKind.ToMany"/>: the object whose records point at the trigger record.</param>
/// <param name="ChildField">For <see cref="RelationshipKind.ToMany"/>: the child's field that holds the trigger record's id.</param>
/// <param name="JunctionTargetField">When the child is a junction (OpportunityContactRole): its field holding the wanted record's id.</param>
public sealed record Relationship(RelationshipKind Kind, string? LookupField = null, string? ChildObject = null, string? ChildField = null, string? JunctionTargetField = null)
{
    private static readonly Relationship NoPath = new(RelationshipKind.None);
    private static readonly Relationship Itself = new(RelationshipKind.Self);

    /// <summary>The objects whose changes can trigger and whose fields can be looked for.</summary>
    public static IReadOnlyList<string> Objects { get; } = ["Lead", "Contact", "Account", "Opportunity"];

    /// <summary>How a record of <paramref name="trigger"/> leads to a record of <paramref name="wanted"/>.</summary>
    public static Relationship Between(string trigger, string wanted) => (trigger, wanted) switch
    {
        _ when string.Equals(trigger, wanted, StringComparison.OrdinalIgnoreCase) && Objects.Contains(trigger, StringComparer.OrdinalIgnoreCase) => Itself,
        ("Contact", "Account") or ("Opportunity", "Account") => new(RelationshipKind.ToOne, LookupField: "AccountId"),
        ("Account", "Contact") => new(RelationshipKind.ToMany, ChildObject: "Contact", ChildField: "AccountId"),
        ("Account", "Opportunity") => new(RelationshipKind.ToMany, ChildObject: "Opportunity", ChildField: "AccountId"),
        ("Contact", "Opportunity") => new(RelationshipKind.ToMany, ChildObject: "OpportunityContactRole", ChildField: "ContactId", JunctionTargetField: "OpportunityId"),
        ("Opportunity", "Contact") => new(RelationshipKind.ToMany, ChildObject: "OpportunityContactRole", ChildField: "OpportunityId", JunctionTargetField: "ContactId"),
        _ => NoPath,
    };
}
