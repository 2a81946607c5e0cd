using System.Text.Json.Serialization;

namespace Platform.Salesforce;

/// <summary>An object's describe: its flags (as they apply to the connected user) and fields.</summary>
public sealed record SObjectDescribe
{
    public required string Name { get; init; }

    public string? Label { get; init; }

    public string? KeyPrefix { get; init; }

    public bool Custom { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool Deletable { get; init; }

    public bool Queryable { get; init; }

    public bool Replicateable { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<FieldDescribe> FieldList { get; init; } = [];

    public IReadOnlyList<RecordTypeInfo> RecordTypeInfos { get; init; } = [];

    [JsonIgnore]
    public IReadOnlyDictionary<string, FieldDescribe> Fields => _fields ??= FieldList.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

    private Dictionary<string, FieldDescribe>? _fields;

    public FieldDescribe? Field(string name) => Fields.GetValueOrDefault(name);

    /// <summary>The reference field whose relationship name is <paramref name="relationshipName"/> (Owner → OwnerId).</summary>
    public FieldDescribe? Relationship(string relationshipName) =>
        FieldList.FirstOrDefault(f => f.Type == "reference" && string.Equals(f.RelationshipName, relationshipName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A field's describe.</summary>
public sealed record FieldDescribe
{
    public required string Name { get; init; }

    /// <summary>Lower case: string, textarea, picklist, multipicklist, boolean, int, double, currency, percent, date, datetime, time, email, phone, url, reference, id, address, location, encryptedstring, base64, combobox.</summary>
    public required string Type { get; init; }

    public string? Label { get; init; }

    public int Length { get; init; }

    public int Precision { get; init; }

    public int Scale { get; init; }

    public bool Nillable { get; init; }

    public bool Createable { get; init; }

    public bool Updateable { get; init; }

    public bool DefaultedOnCreate { get; init; }

    public bool Calculated { get; init; }

    public bool ExternalId { get; init; }

    public bool Unique { get; init; }

    public bool IdLookup { get; init; }

    public bool Encrypted { get; init; }

    /// <summary>The record's name field (Name on most objects, CaseNumber on Case, Subject on Task…).</summary>
    public bool NameField { get; init; }

    public bool RestrictedPicklist { get; init; }

    public string? ExtraTypeInfo { get; init; }

    public string? CompoundFieldName { get; init; }

    public string? RelationshipName { get; init; }

    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    public IReadOnlyList<PicklistEntry> PicklistValues { get; init; } = [];

    /// <summary>Compound fields (address, location) are read as a whole but written through their components.</summary>
    [JsonIgnore]
    public bool IsCompound => Type is "address" or "location";

    public override string ToString() => $"{Name} ({Type})";
}

public sealed record PicklistEntry(string Value, string? Label, bool Active, bool DefaultValue);

public sealed record RecordTypeInfo(string RecordTypeId, string DeveloperName, string Name, bool Active, bool Available, bool Master);

/// <summary>An entry of describeGlobal.</summary>
public sealed record GlobalObject(string Name, string? Label, string? KeyPrefix, bool Custom, bool Queryable, bool Createable, bool Updateable, bool Deletable, bool Replicateable);
