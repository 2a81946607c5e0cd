using System.Globalization;
using System.Text.Json;

namespace Platform.Emulators.Salesforce.Schema;

/// <summary>Every object of the emulated org, standard and custom.</summary>
public sealed class OrgSchema
{
    private const string PrefixDigits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private readonly Dictionary<string, ObjectDefinition> _objects = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ObjectDefinition> _byPrefix = new(StringComparer.Ordinal);
    private int _customObjects;

    internal OrgSchema(DateTimeOffset created)
    {
        foreach (var definition in StandardObjects.Create())
        {
            definition.LastModified = created;
            Register(definition);
        }
    }

    /// <summary>Bumped whenever the schema changes, so cached describes can be invalidated.</summary>
    public long Version { get; private set; }

    public IEnumerable<ObjectDefinition> Objects => _objects.Values;

    public ObjectDefinition? Find(string name) => _objects.GetValueOrDefault(name);

    /// <summary>The object an id belongs to, from its key prefix.</summary>
    public ObjectDefinition? FindByPrefix(string id) => id.Length >= 3 ? _byPrefix.GetValueOrDefault(id[..3]) : null;

    /// <summary>The reference fields of other objects that point at <paramref name="parent"/>.</summary>
    public IEnumerable<(ObjectDefinition Child, FieldDefinition Field)> ChildRelationships(ObjectDefinition parent) =>
        _objects.Values.SelectMany(o => o.Fields
            .Where(f => f.Type == SfType.Reference && f.ReferenceTo.Contains(parent.Name, StringComparer.OrdinalIgnoreCase))
            .Select(f => (o, f)));

    public ObjectDefinition DefineObject(CustomObjectSpec spec, DateTimeOffset now)
    {
        if (!spec.Name.EndsWith("__c", StringComparison.Ordinal) || spec.Name.Length < 4)
        {
            throw new SchemaException($"Custom object name '{spec.Name}' must end with __c.");
        }

        if (_objects.ContainsKey(spec.Name))
        {
            throw new SchemaException($"An object named {spec.Name} already exists.");
        }

        var label = spec.Label ?? spec.Name[..^3].Replace('_', ' ');
        var prefix = "a" + PrefixDigits[_customObjects / PrefixDigits.Length] + PrefixDigits[_customObjects % PrefixDigits.Length];
        _customObjects++;
        var definition = new ObjectBuilder(new(spec.Name, prefix, label, spec.LabelPlural ?? label + "s", custom: true) { FeedEnabled = true })
            .Owner()
            .NameField(spec.NameFieldLabel ?? $"{label} Name", 80)
            .Audit()
            .Build();
        definition.LastModified = now;
        Register(definition);
        foreach (var field in spec.Fields)
        {
            AddField(definition.Name, field, now);
        }

        return definition;
    }

    public FieldDefinition AddField(string objectName, CustomFieldSpec spec, DateTimeOffset now)
    {
        var definition = Find(objectName) ?? throw new SchemaException($"There is no object named {objectName}.");
        if (!spec.Name.EndsWith("__c", StringComparison.Ordinal))
        {
            throw new SchemaException($"Custom field name '{spec.Name}' must end with __c.");
        }

        if (definition.Field(spec.Name) is not null)
        {
            throw new SchemaException($"{objectName} already has a field named {spec.Name}.");
        }

        var type = SfTypes.Parse(spec.Type) ?? throw new SchemaException($"Field {spec.Name}: unknown type '{spec.Type}'.");
        var field = BuildField(spec, type);
        if (type == SfType.Location)
        {
            var stem = spec.Name[..^3];
            definition.Add(new() { Name = stem + "__Latitude__s", Type = SfType.Double, Label = $"{field.DisplayLabel} (Latitude)", Precision = 18, Scale = 15, Custom = true, CompoundFieldName = spec.Name });
            definition.Add(new() { Name = stem + "__Longitude__s", Type = SfType.Double, Label = $"{field.DisplayLabel} (Longitude)", Precision = 18, Scale = 15, Custom = true, CompoundFieldName = spec.Name });
        }

        definition.Add(field);
        definition.LastModified = now;
        Version++;
        return field;
    }

    private FieldDefinition BuildField(CustomFieldSpec spec, SfType type)
    {
        if (type is SfType.Picklist or SfType.MultiPicklist && spec.Values.Count == 0)
        {
            throw new SchemaException($"Field {spec.Name}: a {type.DescribeName()} needs values.");
        }

        if (type == SfType.Reference)
        {
            if (spec.ReferenceTo.Count == 0)
            {
                throw new SchemaException($"Field {spec.Name}: a reference needs referenceTo.");
            }

            var missing = spec.ReferenceTo.FirstOrDefault(r => Find(r) is null && !r.EndsWith("__x", StringComparison.Ordinal));
            if (missing is not null)
            {
                throw new SchemaException($"Field {spec.Name}: referenceTo names {missing}, which is not an object of this org.");
            }
        }

        var defaultValue = spec.Default is { } json ? DefaultFrom(json, type) : type == SfType.Boolean ? false : null;
        var calculated = spec.Formula is not null;
        return new FieldDefinition
        {
            Name = spec.Name,
            Type = type,
            Label = spec.Label ?? spec.Name[..^3].Replace('_', ' '),
            Length = spec.Length ?? DefaultLength(type),
            Precision = type.IsNumber() ? spec.Precision ?? 18 : 0,
            Scale = type.IsNumber() && type != SfType.Int ? spec.Scale ?? 2 : 0,
            Digits = type == SfType.Int ? 9 : 0,
            Nillable = !spec.Required && type != SfType.Boolean,
            Createable = !calculated && type != SfType.Location,
            Updateable = !calculated && type != SfType.Location,
            Calculated = calculated,
            CalculatedFormula = spec.Formula,
            DefaultedOnCreate = defaultValue is not null,
            DefaultValue = defaultValue,
            ExternalId = spec.ExternalId,
            Unique = spec.Unique,
            IdLookup = spec.ExternalId || spec.Unique,
            Custom = true,
            Encrypted = spec.Encrypted || type == SfType.EncryptedString,
            ExtraTypeInfo = spec.ExtraTypeInfo ?? (type == SfType.TextArea ? "plaintextarea" : null),
            RestrictedPicklist = spec.Restricted,
            ReferenceTo = spec.ReferenceTo,
            RelationshipName = type == SfType.Reference ? spec.RelationshipName ?? spec.Name[..^3] + "__r" : null,
            PicklistValues = [.. spec.Values.Select(v => new PicklistValue(v, IsDefault: defaultValue is string d && d == v))],
            RecordTypeValues = spec.RecordTypeValues ?? new Dictionary<string, IReadOnlyList<string>>(),
        };
    }

    private static object? DefaultFrom(JsonElement json, SfType type) => json.ValueKind switch
    {
        JsonValueKind.True or JsonValueKind.False when type == SfType.Boolean => json.GetBoolean(),
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.GetDecimal(),
        JsonValueKind.Null => null,
        _ => throw new SchemaException($"Unsupported default value {json}."),
    };

    private static int DefaultLength(SfType type) => type switch
    {
        SfType.String or SfType.Picklist or SfType.Url or SfType.EncryptedString => 255,
        SfType.TextArea => 32768,
        SfType.MultiPicklist => 4099,
        SfType.Email => 80,
        SfType.Phone => 40,
        SfType.Reference => 18,
        _ => 0,
    };

    private void Register(ObjectDefinition definition)
    {
        _objects.Add(definition.Name, definition);
        _byPrefix.TryAdd(definition.KeyPrefix, definition);
        Version++;
    }

    internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
