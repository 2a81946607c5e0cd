namespace Platform.Emulators.Salesforce.Schema;

/// <summary>An emulated sObject type: its fields (in value-array order) and object-level describe flags.</summary>
public sealed class ObjectDefinition
{
    private readonly List<FieldDefinition> _fields = [];
    private readonly Dictionary<string, FieldDefinition> _byName = new(StringComparer.OrdinalIgnoreCase);

    public ObjectDefinition(string name, string keyPrefix, string label, string labelPlural, bool custom)
    {
        Name = name;
        KeyPrefix = keyPrefix;
        Label = label;
        LabelPlural = labelPlural;
        Custom = custom;
    }

    public string Name { get; }

    public string KeyPrefix { get; }

    public string Label { get; }

    public string LabelPlural { get; }

    public bool Custom { get; }

    public bool Createable { get; init; } = true;

    public bool Updateable { get; init; } = true;

    public bool Deletable { get; init; } = true;

    public bool Queryable { get; init; } = true;

    public bool Replicateable { get; init; } = true;

    public bool FeedEnabled { get; init; }

    public bool Mergeable { get; init; }

    /// <summary>When the object's schema last changed (a field was added); drives describe's Last-Modified.</summary>
    public DateTimeOffset LastModified { get; internal set; }

    public IReadOnlyList<FieldDefinition> Fields => _fields;

    public FieldDefinition? Field(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Finds the reference field whose relationship name is <paramref name="relationshipName"/> (e.g. Owner → OwnerId).</summary>
    public FieldDefinition? Relationship(string relationshipName) =>
        _fields.FirstOrDefault(f => f.Type == SfType.Reference && string.Equals(f.RelationshipName, relationshipName, StringComparison.OrdinalIgnoreCase));

    public FieldDefinition IdField => _byName["Id"];

    public bool HasOwner => _byName.ContainsKey("OwnerId");

    internal void Add(FieldDefinition field)
    {
        if (!_byName.TryAdd(field.Name, field))
        {
            throw new InvalidOperationException($"{Name} already has a field named {field.Name}.");
        }

        field.Index = _fields.Count;
        _fields.Add(field);
    }
}
