using System.Text.Json;

namespace Platform.Emulators.Salesforce.Schema;

/// <summary>A custom object to add to the org (seed file <c>objects</c> or <c>POST /__admin/schema/objects</c>).</summary>
public sealed record CustomObjectSpec
{
    /// <summary>API name ending in <c>__c</c>, e.g. <c>Responsive_Project__c</c>.</summary>
    public required string Name { get; init; }

    public string? Label { get; init; }

    public string? LabelPlural { get; init; }

    /// <summary>Label of the object's Name field. Default: "{Label} Name".</summary>
    public string? NameFieldLabel { get; init; }

    public IReadOnlyList<CustomFieldSpec> Fields { get; init; } = [];
}

/// <summary>A custom field to add to an object (seed file <c>fields</c> or <c>POST /__admin/schema/objects/{name}/fields</c>).</summary>
public sealed record CustomFieldSpec
{
    /// <summary>API name ending in <c>__c</c> (a namespace prefix such as <c>ClientSuccess__</c> is allowed).</summary>
    public required string Name { get; init; }

    /// <summary>Describe type: string, textarea, picklist, multipicklist, boolean, currency, double, percent, int, date, datetime, email, phone, url, reference, location, encryptedstring.</summary>
    public required string Type { get; init; }

    public string? Label { get; init; }

    public int? Length { get; init; }

    public bool Required { get; init; }

    public bool ExternalId { get; init; }

    public bool Unique { get; init; }

    public int? Precision { get; init; }

    public int? Scale { get; init; }

    /// <summary>Picklist values.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    public bool Restricted { get; init; }

    public JsonElement? Default { get; init; }

    public IReadOnlyList<string> ReferenceTo { get; init; } = [];

    public string? RelationshipName { get; init; }

    /// <summary>A formula makes the field calculated (read-only); a formula naming a field copies that field's value.</summary>
    public string? Formula { get; init; }

    /// <summary>e.g. <c>richtextarea</c> for rich text, <c>externallookup</c> for an external lookup.</summary>
    public string? ExtraTypeInfo { get; init; }

    /// <summary>Encrypted at rest (Shield Platform Encryption).</summary>
    public bool Encrypted { get; init; }

    /// <summary>Record type developer name → the values that record type allows.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? RecordTypeValues { get; init; }
}

/// <summary>A schema definition the emulator cannot accept; the message says why.</summary>
public sealed class SchemaException(string message) : Exception(message);
