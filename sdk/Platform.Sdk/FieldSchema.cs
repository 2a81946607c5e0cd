namespace Platform.Sdk;

/// <summary>A field of an app entity.</summary>
public sealed record FieldSchema
{
    /// <summary>Stable name, as the app's API spells it, e.g. <c>assignedCsm</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The field's type; it decides the .NET type of its values (see <see cref="FieldType"/>).</summary>
    public required FieldType Type { get; init; }

    /// <summary>Name shown to operators. Default: <see cref="Name"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Whether the app rejects a record without a value. Default: <see langword="false"/>.</summary>
    public bool Required { get; init; }

    /// <summary>Whether the app computes the value so it can never be written. Default: <see langword="false"/>.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Maximum length of text values in characters. Default: <see langword="null"/> (no limit).</summary>
    public int? MaxLength { get; init; }

    /// <summary>For <see cref="FieldType.Picklist"/> and <see cref="FieldType.MultiPicklist"/>: the values the app accepts. Default: any.</summary>
    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    /// <summary>
    /// For <see cref="FieldType.Reference"/>: the entity whose record ids the field holds, e.g. <c>client</c>. Mapped to a
    /// Salesforce lookup, its ids are translated through the integration's mapping of that entity, and a record whose
    /// referenced record is not paired waits. Default: <see langword="null"/> (ids pass through untranslated).
    /// </summary>
    public string? ReferenceTo { get; init; }
}

/// <summary>The type of an app field and the .NET type its values take.</summary>
public enum FieldType
{
    /// <summary>Short text; <see cref="string"/>.</summary>
    String,

    /// <summary>Long plain text; <see cref="string"/>.</summary>
    Text,

    /// <summary>Whole number; <see cref="long"/>.</summary>
    Integer,

    /// <summary>Exact number; <see cref="decimal"/>.</summary>
    Decimal,

    /// <summary>Money amount; <see cref="decimal"/>.</summary>
    Currency,

    /// <summary>Percentage, 0-100; <see cref="decimal"/>.</summary>
    Percent,

    /// <summary>True or false; <see cref="bool"/>.</summary>
    Boolean,

    /// <summary>Calendar date; <see cref="DateOnly"/>.</summary>
    Date,

    /// <summary>Point in time; <see cref="DateTimeOffset"/>.</summary>
    DateTime,

    /// <summary>E-mail address; <see cref="string"/>.</summary>
    Email,

    /// <summary>Phone number; <see cref="string"/>.</summary>
    Phone,

    /// <summary>Web address; <see cref="string"/>.</summary>
    Url,

    /// <summary>One value of a set; <see cref="string"/>.</summary>
    Picklist,

    /// <summary>Several values of a set; <see cref="IReadOnlyList{T}"/> of <see cref="string"/>.</summary>
    MultiPicklist,

    /// <summary>The id of another app record; <see cref="string"/>.</summary>
    Reference,
}
