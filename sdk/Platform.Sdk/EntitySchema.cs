namespace Platform.Sdk;

/// <summary>An app entity, such as a ClientSuccess client or a Referral Rock referral.</summary>
public sealed record EntitySchema
{
    /// <summary>Stable name used in mappings and the control API, e.g. <c>client</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Name shown to operators, e.g. <c>Client</c>. Default: <see cref="Name"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The entity's fields.</summary>
    public required IReadOnlyList<FieldSchema> Fields { get; init; }

    /// <summary>The field that identifies a record in the app. Default: <c>id</c>.</summary>
    public string KeyField { get; init; } = "id";

    /// <summary>Finds a field by name (ordinal, case-insensitive).</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or <see langword="null"/> when the entity has none of that name.</returns>
    public FieldSchema? FindField(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
