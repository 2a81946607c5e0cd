namespace Platform.Emulators.Salesforce.Schema;

/// <summary>A field of an emulated object: everything describe reports and validation needs.</summary>
public sealed record FieldDefinition
{
    public required string Name { get; init; }

    public required SfType Type { get; init; }

    public string? Label { get; init; }

    public int Length { get; init; }

    public int Precision { get; init; }

    public int Scale { get; init; }

    public int Digits { get; init; }

    public bool Nillable { get; init; } = true;

    public bool Createable { get; init; } = true;

    public bool Updateable { get; init; } = true;

    public bool DefaultedOnCreate { get; init; }

    public bool Calculated { get; init; }

    public bool ExternalId { get; init; }

    public bool Unique { get; init; }

    public bool Custom { get; init; }

    public bool IdLookup { get; init; }

    public bool NameField { get; init; }

    public bool Encrypted { get; init; }

    public bool RestrictedPicklist { get; init; }

    public bool AutoNumber { get; init; }

    /// <summary>For references: deleting the parent deletes this record too (Account → Contacts, Opportunities).</summary>
    public bool CascadeDelete { get; init; }

    public string? ExtraTypeInfo { get; init; }

    public string? RelationshipName { get; init; }

    public string? CompoundFieldName { get; init; }

    public string? CalculatedFormula { get; init; }

    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    public IReadOnlyList<PicklistValue> PicklistValues { get; init; } = [];

    /// <summary>Record type developer name → the picklist values that record type allows (restricted per record type).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> RecordTypeValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The value a create gets when none is given (booleans, defaulted picklists).</summary>
    public object? DefaultValue { get; init; }

    /// <summary>Position of the field's value in a record's value array.</summary>
    public int Index { get; internal set; } = -1;

    public string DisplayLabel => Label ?? Name;

    /// <summary>Whether values can be written by API at all (on create or update).</summary>
    public bool Writable => (Createable || Updateable) && !Calculated && !Type.IsCompound();

    public bool Filterable => Type is not (SfType.Base64 or SfType.Address or SfType.Location) && !(Type == SfType.TextArea && Length > 255);

    public bool Sortable => Filterable && Type is not SfType.MultiPicklist;

    /// <summary>A polymorphic reference points at more than one object type.</summary>
    public bool Polymorphic => ReferenceTo.Count > 1;

    public PicklistValue? DefaultPicklistValue => PicklistValues.FirstOrDefault(p => p.IsDefault);

    // A field is one definition: identity, not value, equality (fields key dictionaries on hot paths).
    public bool Equals(FieldDefinition? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}

/// <summary>One value of a picklist.</summary>
public sealed record PicklistValue(string Value, string? Label = null, bool Active = true, bool IsDefault = false);
