using System.Text.Json;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>
/// The shape of a query's rows: selected fields in order, with parent fields grouped under their relationship as a
/// nested object carrying its own <c>attributes</c> (null when the reference is empty), as Salesforce returns them.
/// </summary>
internal sealed class QueryProjection
{
    private readonly List<(string Name, FieldDefinition? Field, FieldDefinition? Hop, QueryProjection? Child)> _items = [];

    public static QueryProjection Build(IEnumerable<FieldPath> paths)
    {
        var root = new QueryProjection();
        foreach (var path in paths)
        {
            root.Add(path, 0);
        }

        return root;
    }

    public void Write(Utf8JsonWriter writer, RecordRow row, OrgStore store, string version, ValueOptions options)
    {
        writer.WriteStartObject();
        RecordJson.WriteAttributes(writer, row.Type, row.Id, version);
        foreach (var (name, field, hop, child) in _items)
        {
            writer.WritePropertyName(name);
            if (field is not null)
            {
                RecordJson.WriteValue(writer, field, row, version, options);
            }
            else if (row[hop!] is string id && store.Get(id) is { IsDeleted: false } parent)
            {
                child!.Write(writer, parent, store, version, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }

        writer.WriteEndObject();
    }

    private void Add(FieldPath path, int depth)
    {
        if (depth == path.Hops.Count)
        {
            _items.Add((path.Field.Name, path.Field, null, null));
            return;
        }

        var hop = path.Hops[depth];
        var existing = _items.FindIndex(i => i.Hop == hop);
        if (existing < 0)
        {
            _items.Add((hop.RelationshipName!, null, hop, new QueryProjection()));
            existing = _items.Count - 1;
        }

        _items[existing].Child!.Add(path, depth + 1);
    }
}
