using System.Buffers;
using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>Writes record values into request bodies after checking each against the object's describe.</summary>
internal static class RecordPayload
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The problem that would make Salesforce refuse these values, found before any call; null when none.</summary>
    public static SalesforceError? Check(SObjectDescribe type, IReadOnlyDictionary<string, object?> values, bool creating)
    {
        foreach (var (name, value) in values)
        {
            var error = type.Field(name) is { } field
                ? SalesforceValues.Check(type, field, value, creating)
                : new SalesforceError("INVALID_FIELD", $"No such column '{name}' on sobject of type {type.Name}", [name]);
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Writes a record's properties (<c>attributes</c>, optional id, then values) into the current JSON object.</summary>
    public static void WriteProperties(Utf8JsonWriter writer, SObjectDescribe type, IReadOnlyDictionary<string, object?> values, string? id, bool withAttributes)
    {
        if (withAttributes)
        {
            writer.WriteStartObject("attributes");
            writer.WriteString("type", type.Name);
            writer.WriteEndObject();
        }

        if (id is not null)
        {
            writer.WriteString("id", id);
        }

        foreach (var (name, value) in values)
        {
            var field = type.Field(name)!;
            writer.WritePropertyName(field.Name);
            SalesforceValues.WriteJson(writer, field, value);
        }
    }

    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }
}
