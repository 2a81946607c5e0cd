using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>A query resolved against the org's schema, ready to run.</summary>
internal sealed record BoundQuery(
    ObjectDefinition Type,
    IReadOnlyList<FieldPath> Select,
    bool CountOnly,
    Func<RecordRow, bool>? Filter,
    IReadOnlyList<(FieldPath Path, bool Descending, bool NullsFirst)> Order,
    int? Limit,
    int? Offset,
    QueryProjection Projection,
    bool UsesOffset);

/// <summary>Resolves field paths and checks every filter value against its field's type, as Salesforce does.</summary>
internal sealed class SoqlBinder
{
    private const string FieldHint = "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
    private readonly string _text;
    private readonly OrgSchema _schema;
    private readonly OrgStore _store;
    private readonly ObjectDefinition _type;

    private SoqlBinder(string text, OrgSchema schema, OrgStore store, ObjectDefinition type)
    {
        _text = text;
        _schema = schema;
        _store = store;
        _type = type;
    }

    public static BoundQuery Bind(SoqlQuery query, string text, OrgSchema schema, OrgStore store, Func<ObjectDefinition, bool> canRead)
    {
        var type = schema.Find(query.ObjectName) is { Queryable: true } found && canRead(found)
            ? found
            : throw SoqlException.At("INVALID_TYPE", text, query.ObjectPosition,
                $"sObject type '{query.ObjectName}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        var binder = new SoqlBinder(text, schema, store, type);
        var select = query.Fields.Select(binder.Resolve).ToList();
        var order = query.OrderBy.Select(o =>
        {
            var path = binder.Resolve(o.Field);
            return path.Field.Sortable
                ? (path, o.Descending, o.NullsFirst)
                : throw SoqlException.At("INVALID_FIELD", text, o.Field.Position, $"field '{path.Field.Name}' can not be sorted in a query call");
        }).ToList();
        var filter = query.Where is null ? null : binder.Compile(query.Where);
        return new BoundQuery(type, select, query.CountOnly, filter, order, query.Limit, query.Offset, QueryProjection.Build(select), query.Offset is not null);
    }

    private FieldPath Resolve(FieldRef reference)
    {
        var segments = reference.Path;
        var current = _type;
        var start = segments.Count > 1 && string.Equals(segments[0], _type.Name, StringComparison.OrdinalIgnoreCase) && current.Relationship(segments[0]) is null ? 1 : 0;
        var hops = new List<FieldDefinition>();
        for (var i = start; i < segments.Count - 1; i++)
        {
            var hop = current.Relationship(segments[i])
                ?? throw SoqlException.At("INVALID_FIELD", _text, reference.Position,
                    $"Didn't understand relationship '{segments[i]}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.");
            hops.Add(hop);
            current = _schema.Find(hop.ReferenceTo[0])
                ?? throw SoqlException.At("INVALID_FIELD", _text, reference.Position, $"Didn't understand relationship '{segments[i]}' in field path.");
        }

        if (hops.Count > 5)
        {
            throw SoqlException.At("MALFORMED_QUERY", _text, reference.Position, "SOQL statements cannot query more than 5 levels of relationships");
        }

        var field = current.Field(segments[^1])
            ?? throw SoqlException.At("INVALID_FIELD", _text, reference.Position, $"No such column '{segments[^1]}' on entity '{current.Name}'. {FieldHint}");
        return new FieldPath(hops, field, reference.Text);
    }

    private Func<RecordRow, bool> Compile(Condition condition)
    {
        switch (condition)
        {
            case AllOf all:
                var allParts = all.Parts.Select(Compile).ToArray();
                return row => Array.TrueForAll(allParts, p => p(row));
            case AnyOf any:
                var anyParts = any.Parts.Select(Compile).ToArray();
                return row => Array.Exists(anyParts, p => p(row));
            case Not not:
                var inner = Compile(not.Inner);
                return row => !inner(row);
            case Comparison comparison:
                return CompileComparison(comparison);
            case InList list:
                var listPath = Filterable(list.Field);
                var members = list.Values.Select(v => Coerce(listPath, v)).ToList();
                return row =>
                {
                    var value = listPath.Read(row, _store);
                    var found = members.Exists(m => SoqlValues.AreEqual(listPath.Field, value, m));
                    return list.Negated ? !found : found;
                };
            case Includes includes:
                var setPath = Filterable(includes.Field);
                if (setPath.Field.Type != SfType.MultiPicklist)
                {
                    throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _text, includes.Field.Position, "includes or excludes operator only valid on multipicklist field");
                }

                var required = includes.Values.Select(v => Coerce(setPath, v) as string ?? "").Select(v => v.Split(';').ToHashSet(StringComparer.OrdinalIgnoreCase)).ToList();
                return row =>
                {
                    var have = (setPath.Read(row, _store) as string)?.Split(';').ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
                    var match = required.Exists(r => r.IsSubsetOf(have));
                    return includes.Excludes ? !match : match;
                };
            default:
                throw new InvalidOperationException($"Unknown condition {condition}.");
        }
    }

    private Func<RecordRow, bool> CompileComparison(Comparison comparison)
    {
        var path = Filterable(comparison.Field);
        if (comparison.Operator == "LIKE")
        {
            if (!path.Field.Type.IsText() || comparison.Value.Kind != LiteralKind.String)
            {
                throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _text, comparison.Field.Position, $"invalid operator on field: {path.Field.Name}");
            }

            var regex = SoqlValues.LikePattern(comparison.Value.Raw);
            return row => path.Read(row, _store) is string text && regex.IsMatch(text);
        }

        var literal = Coerce(path, comparison.Value);
        if (literal is DateRange range)
        {
            return row => SoqlValues.InRange(path.Read(row, _store), range, comparison.Operator);
        }

        return comparison.Operator switch
        {
            "=" => row => SoqlValues.AreEqual(path.Field, path.Read(row, _store), literal),
            "!=" => row => !SoqlValues.AreEqual(path.Field, path.Read(row, _store), literal),
            _ => row => SoqlValues.Compare(path.Read(row, _store), literal) is { } order && comparison.Operator switch
            {
                "<" => order < 0,
                "<=" => order <= 0,
                ">" => order > 0,
                _ => order >= 0,
            },
        };
    }

    private FieldPath Filterable(FieldRef reference)
    {
        var path = Resolve(reference);
        return path.Field.Filterable
            ? path
            : throw SoqlException.At("INVALID_FIELD", _text, reference.Position, $"field '{path.Field.Name}' can not be filtered in a query call");
    }

    /// <summary>Checks a literal against the field's type and converts it to the stored representation.</summary>
    private object? Coerce(FieldPath path, Literal literal)
    {
        var field = path.Field;
        if (literal.Kind == LiteralKind.Null)
        {
            return null;
        }

        var (expected, quoted, ok) = field.Type switch
        {
            SfType.Boolean => ("boolean", false, literal.Kind == LiteralKind.Boolean),
            SfType.Int => ("integer", false, literal.Kind == LiteralKind.Number),
            SfType.Currency or SfType.Double or SfType.Percent => ("double", false, literal.Kind == LiteralKind.Number),
            SfType.Date => ("date", false, literal.Kind is LiteralKind.Date or LiteralKind.DateRange),
            SfType.DateTime => ("dateTime", false, literal.Kind is LiteralKind.DateTime or LiteralKind.DateRange),
            _ => ("string", true, literal.Kind == LiteralKind.String),
        };
        if (!ok)
        {
            throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _text, literal.Position,
                $"value of filter criterion for field '{field.Name}' must be of type {expected} and should {(quoted ? "" : "not ")}be enclosed in quotes");
        }

        if (field.Type is SfType.Id or SfType.Reference && literal.Value is string id)
        {
            return SalesforceId.Normalize(id)
                ?? throw SoqlException.At("INVALID_QUERY_FILTER_OPERATOR", _text, literal.Position, $"invalid ID field: {id}");
        }

        return literal.Value;
    }
}
