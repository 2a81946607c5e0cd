using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>A resolved field path: the reference fields to follow (e.g. OwnerId) and the field read at the end.</summary>
internal sealed class FieldPath(IReadOnlyList<FieldDefinition> hops, FieldDefinition field, string text)
{
    public IReadOnlyList<FieldDefinition> Hops { get; } = hops;

    public FieldDefinition Field { get; } = field;

    public string Text { get; } = text;

    public object? Read(RecordRow row, OrgStore store) => Target(row, store, Hops.Count) is { } target ? target[Field] : null;

    /// <summary>The record reached after following <paramref name="depth"/> hops, or null when a reference is empty.</summary>
    public RecordRow? Target(RecordRow row, OrgStore store, int depth)
    {
        var current = row;
        for (var i = 0; i < depth; i++)
        {
            if (current[Hops[i]] is not string id || store.Get(id) is not { IsDeleted: false } parent)
            {
                return null;
            }

            current = parent;
        }

        return current;
    }
}
