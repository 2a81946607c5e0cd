using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// One version of a record. Rows are immutable: every write stores a new row, so query cursors can keep a cheap,
/// consistent snapshot of the rows they matched.
/// </summary>
public sealed class RecordRow(ObjectDefinition type, object?[] values)
{
    public ObjectDefinition Type { get; } = type;

    public string Id => (string)values[0]!;

    public bool IsDeleted => (bool)values[1]!;

    internal object?[] Values => values;

    /// <summary>The value of a field of this row's object; fields added after the row was written read as null.</summary>
    public object? this[FieldDefinition field] => field.Index < values.Length ? values[field.Index] : null;

    public object? this[string fieldName] => Type.Field(fieldName) is { } field ? this[field] : null;

    internal object?[] CopyValues(int length)
    {
        var copy = new object?[Math.Max(length, values.Length)];
        Array.Copy(values, copy, values.Length);
        return copy;
    }
}
