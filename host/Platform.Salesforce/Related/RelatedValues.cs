namespace Platform.Salesforce.Related;

/// <summary>A field of an object related to a trigger record, e.g. <c>Opportunity</c>.<c>StageName</c>.</summary>
/// <param name="Object">The object's API name.</param>
/// <param name="Field">The field's API name; a relational path (<c>Account.Name</c>) always resolves to null.</param>
public sealed record FieldRef(string Object, string Field)
{
    public override string ToString() => $"{Object}.{Field}";
}

/// <summary>The values found for a trigger record, keyed by <see cref="FieldRef.ToString"/>, and why any are null.</summary>
/// <param name="Values">Every requested field, null when its record or value was not found.</param>
/// <param name="RecordIds">The record each object resolved to (null when none), keyed by object name.</param>
/// <param name="Notes">Why values are null: no related record, several, no path, or a relational field.</param>
public sealed record RelatedValues(IReadOnlyDictionary<string, object?> Values, IReadOnlyDictionary<string, string?> RecordIds, IReadOnlyList<string> Notes);
