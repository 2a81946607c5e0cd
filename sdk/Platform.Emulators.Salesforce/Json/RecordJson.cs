using System.Text.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Json;

/// <summary>Writes records, values and errors in Salesforce's JSON shapes.</summary>
internal static class RecordJson
{
    public static void WriteAttributes(Utf8JsonWriter writer, ObjectDefinition type, string? id, string version)
    {
        writer.WritePropertyName("attributes");
        writer.WriteStartObject();
        writer.WriteString("type", type.Name);
        if (id is not null)
        {
            writer.WriteString("url", $"/services/data/v{version}/sobjects/{type.Name}/{id}");
        }

        writer.WriteEndObject();
    }

    /// <summary>A whole record as GET /sobjects/{type}/{id} returns it (every field, or the ones asked for).</summary>
    public static void WriteRecord(Utf8JsonWriter writer, RecordRow row, string version, ValueOptions options, IEnumerable<FieldDefinition>? fields = null)
    {
        writer.WriteStartObject();
        WriteAttributes(writer, row.Type, row.Id, version);
        foreach (var field in fields ?? row.Type.Fields)
        {
            writer.WritePropertyName(field.Name);
            WriteValue(writer, field, row, version, options);
        }

        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, FieldDefinition field, RecordRow row, string version, ValueOptions options)
    {
        switch (field.Type)
        {
            case SfType.Address:
                WriteCompound(writer, field, row, isAddress: true);
                return;
            case SfType.Location:
                WriteCompound(writer, field, row, isAddress: false);
                return;
            case SfType.Base64:
                if (row[field] is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    writer.WriteStringValue($"/services/data/v{version}/sobjects/{row.Type.Name}/{row.Id}/{field.Name}");
                }

                return;
        }

        if (field.Encrypted && !options.ViewEncryptedData && row[field] is string secret)
        {
            writer.WriteStringValue(new string('*', Math.Min(secret.Length, 10)));
            return;
        }

        WriteScalar(writer, row[field]);
    }

    public static void WriteScalar(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case long whole:
                writer.WriteNumberValue(whole);
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case DateTimeOffset instant:
                writer.WriteStringValue(SfFormats.DateTime(instant));
                break;
            case DateOnly date:
                writer.WriteStringValue(SfFormats.Date(date));
                break;
            case TimeOnly time:
                writer.WriteStringValue(SfFormats.Time(time));
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>Salesforce's error array: <c>[{message, errorCode, fields}]</c> (plus duplicate-rule details).</summary>
    public static void WriteErrors(Utf8JsonWriter writer, IEnumerable<SalesforceError> errors)
    {
        writer.WriteStartArray();
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            if (error.Duplicates is { } duplicates)
            {
                WriteDuplicateResult(writer, duplicates, error.Message);
            }

            writer.WriteString("message", error.Message);
            writer.WriteString("errorCode", error.ErrorCode);
            if (error.Fields is { } fields)
            {
                writer.WriteStartArray("fields");
                foreach (var field in fields)
                {
                    writer.WriteStringValue(field);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Per-record errors inside save results use <c>statusCode</c>, not <c>errorCode</c>.</summary>
    public static void WriteSaveErrors(Utf8JsonWriter writer, IEnumerable<SalesforceError> errors)
    {
        writer.WriteStartArray("errors");
        foreach (var error in errors)
        {
            writer.WriteStartObject();
            writer.WriteString("statusCode", error.ErrorCode);
            writer.WriteString("message", error.Message);
            writer.WriteStartArray("fields");
            foreach (var field in error.Fields ?? [])
            {
                writer.WriteStringValue(field);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteDuplicateResult(Utf8JsonWriter writer, DuplicateMatch duplicates, string message)
    {
        // Salesforce really spells the key "duplicateResut".
        writer.WritePropertyName("duplicateResut");
        writer.WriteStartObject();
        writer.WriteBoolean("allowSave", duplicates.AllowSave);
        writer.WriteString("duplicateRule", $"Standard_{duplicates.ObjectName}_Duplicate_Rule");
        writer.WriteString("duplicateRuleEntityType", duplicates.ObjectName);
        writer.WriteString("errorMessage", message);
        writer.WriteStartArray("matchResults");
        writer.WriteStartObject();
        writer.WriteString("entityType", duplicates.ObjectName);
        writer.WriteStartArray("errors");
        writer.WriteEndArray();
        writer.WriteString("matchEngine", "ExactMatchEngine");
        writer.WriteStartArray("matchRecords");
        foreach (var id in duplicates.RecordIds)
        {
            writer.WriteStartObject();
            writer.WriteStartArray("additionalInformation");
            writer.WriteEndArray();
            writer.WriteStartArray("fieldDiffs");
            writer.WriteEndArray();
            writer.WriteNumber("matchConfidence", 100.0);
            writer.WritePropertyName("record");
            writer.WriteStartObject();
            writer.WritePropertyName("attributes");
            writer.WriteStartObject();
            writer.WriteString("type", duplicates.ObjectName);
            writer.WriteString("url", $"/services/data/v{duplicates.Version}/sobjects/{duplicates.ObjectName}/{id}");
            writer.WriteEndObject();
            writer.WriteString("Id", id);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("rule", $"Standard_{duplicates.ObjectName}_Match_Rule_v1_1");
        writer.WriteNumber("size", duplicates.RecordIds.Count);
        writer.WriteBoolean("success", true);
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCompound(Utf8JsonWriter writer, FieldDefinition field, RecordRow row, bool isAddress)
    {
        var parts = row.Type.Fields.Where(f => f.CompoundFieldName == field.Name && !f.Type.IsCompound()).ToList();
        if (parts.TrueForAll(p => row[p] is null))
        {
            writer.WriteNullValue();
            return;
        }

        var values = parts.Select(p => (Key: Key(p, field, isAddress), Value: row[p])).ToList();
        if (isAddress)
        {
            values.Add(("geocodeAccuracy", null));
        }

        writer.WriteStartObject();
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(key);
            WriteScalar(writer, value);
        }

        writer.WriteEndObject();
    }

    private static string Key(FieldDefinition part, FieldDefinition compound, bool isAddress)
    {
        if (!isAddress)
        {
            return part.Name.Contains("__Latitude", StringComparison.Ordinal) ? "latitude" : "longitude";
        }

        var prefix = compound.Name[..^"Address".Length];
        var suffix = part.Name[prefix.Length..];
        return char.ToLowerInvariant(suffix[0]) + suffix[1..];
    }
}

/// <summary>What the caller may see of values.</summary>
internal readonly record struct ValueOptions(bool ViewEncryptedData);
