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

    /// <summary>
    /// A name prefix, e.g. <c>salesforce.</c>, under which the entity takes any Salesforce field as an extension field
    /// (ClientSuccess's Salesforce Account module): <see cref="FindField"/> knows every such name, typed as text, and the
    /// platform types it from the Salesforce field it is mapped to. Default: <see langword="null"/> (none).
    /// </summary>
    public string? ExtensionFieldPrefix { get; init; }

    /// <summary>Whether a name is an extension field (<see cref="ExtensionFieldPrefix"/> followed by a field name).</summary>
    /// <param name="name">The field name.</param>
    /// <returns><see langword="true"/> for an extension field's name.</returns>
    public bool IsExtensionField(string name) =>
        ExtensionFieldPrefix is { } prefix && name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal);

    /// <summary>Finds a field by name (ordinal, case-insensitive), or an extension field.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The field, or <see langword="null"/> when the entity has none of that name.</returns>
    public FieldSchema? FindField(string name) =>
        Fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? (IsExtensionField(name) ? new FieldSchema { Name = name, Type = FieldType.String } : null);
}
