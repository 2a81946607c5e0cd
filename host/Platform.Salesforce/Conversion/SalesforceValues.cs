using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>
/// Converts field values between .NET and Salesforce, driven by the field's describe:
/// text types ↔ <see cref="string"/>, multipicklist ↔ <see cref="IReadOnlyList{T}"/> of string (a <c>;</c>-joined
/// string on the wire), boolean ↔ <see cref="bool"/>, int ↔ <see cref="long"/>, double/currency/percent ↔
/// <see cref="decimal"/>, date ↔ <see cref="DateOnly"/>, datetime ↔ <see cref="DateTimeOffset"/> (UTC),
/// time ↔ <see cref="TimeOnly"/>, base64 ← blob URL / → <see cref="byte"/>[], address → <see cref="AddressValue"/> and
/// location → <see cref="LocationValue"/> (read only: write their components).
/// </summary>
public static class SalesforceValues
{
    private static readonly string[] DateTimeFormats = ["yyyy-MM-dd'T'HH:mm:ss.fffzzz", "yyyy-MM-dd'T'HH:mm:ss.fffK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    public static object? FromJson(FieldDescribe field, JsonElement json)
    {
        if (json.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return field.Type == "multipicklist" ? Array.Empty<string>() : null;
        }

        return field.Type switch
        {
            "boolean" => json.GetBoolean(),
            "int" => json.ValueKind == JsonValueKind.Number ? json.GetInt64() : long.Parse(json.GetString()!, CultureInfo.InvariantCulture),
            "double" or "currency" or "percent" => json.ValueKind == JsonValueKind.Number ? Decimal(json) : decimal.Parse(json.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            "address" => new AddressValue(Text(json, "street"), Text(json, "city"), Text(json, "state"), Text(json, "postalCode"), Text(json, "country"), Number(json, "latitude"), Number(json, "longitude")),
            "location" => new LocationValue(Number(json, "latitude"), Number(json, "longitude")),
            _ when json.ValueKind == JsonValueKind.String => FromText(field, json.GetString()!),
            _ => json.GetRawText(),
        };
    }

    /// <summary>Reads a Bulk API CSV value; an empty string is null.</summary>
    public static object? FromText(FieldDescribe field, string text)
    {
        if (text.Length == 0)
        {
            return field.Type == "multipicklist" ? Array.Empty<string>() : null;
        }

        return field.Type switch
        {
            "boolean" => bool.Parse(text),
            "int" => long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture),
            "double" or "currency" or "percent" => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            "date" => DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            "datetime" => ParseDateTime(text),
            "time" => TimeOnly.Parse(text.TrimEnd('Z'), CultureInfo.InvariantCulture),
            "multipicklist" => text.Split(';'),
            _ => text,
        };
    }

    /// <summary>Checks a value for a write and returns the Salesforce error it would cause, or null.</summary>
    public static SalesforceError? Check(SObjectDescribe type, FieldDescribe field, object? value, bool creating)
    {
        if (field.IsCompound)
        {
            return new SalesforceError("INVALID_FIELD_FOR_INSERT_UPDATE",
                $"{field.Name} is a compound {field.Type} field; write its components ({string.Join(", ", type.FieldList.Where(f => f.CompoundFieldName == field.Name).Select(f => f.Name))}) instead.", [field.Name]);
        }

        if (creating ? !field.Createable : !field.Updateable)
        {
            return new SalesforceError("INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to {(creating ? "create" : "update")} field {field.Name} of {type.Name}: it is read-only for the connected user.", [field.Name]);
        }

        if (value is null)
        {
            return null;
        }

        var shape = Shape(field, value);
        if (shape is not null)
        {
            return new SalesforceError("INVALID_TYPE_ON_FIELD_IN_RECORD", $"{field.Name} ({field.Type}) cannot take a {value.GetType().Name}: {shape}", [field.Name]);
        }

        if (field.RestrictedPicklist && field.Type is "picklist" or "multipicklist")
        {
            var allowed = field.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToHashSet(StringComparer.Ordinal);
            var bad = Values(value).FirstOrDefault(v => !allowed.Contains(v));
            if (bad is not null)
            {
                return new SalesforceError("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{field.Label ?? field.Name}: bad value for restricted picklist field: {bad}", [field.Name]);
            }
        }

        if (value is string text && field.Length > 0 && text.Length > field.Length && field.Type is not ("reference" or "id" or "base64"))
        {
            return new SalesforceError("STRING_TOO_LONG", $"{field.Label ?? field.Name}: data value too large (max length={field.Length}, got {text.Length})", [field.Name]);
        }

        return null;
    }

    /// <summary>Writes a checked value as Salesforce JSON.</summary>
    public static void WriteJson(Utf8JsonWriter writer, FieldDescribe field, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case string or IEnumerable when field.Type == "multipicklist":
                writer.WriteStringValue(string.Join(';', Values(value)));
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case long or int or short or byte:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case decimal number:
                writer.WriteNumberValue(number);
                break;
            case double or float:
                writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                break;
            default:
                writer.WriteStringValue(ToText(field, value));
                break;
        }
    }

    /// <summary>Writes a checked value as Bulk API CSV text; null becomes <c>#N/A</c> (which clears the field).</summary>
    public static string ToText(FieldDescribe field, object? value) => value switch
    {
        null => "#N/A",
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTime instant => ToText(field, new DateTimeOffset(DateTime.SpecifyKind(instant, instant.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : instant.Kind))),
        TimeOnly time => time.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture) + "Z",
        byte[] bytes => Convert.ToBase64String(bytes),
        string text when field.Type != "multipicklist" => text,
        IEnumerable when field.Type == "multipicklist" => string.Join(';', Values(value)),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Why a value does not fit the field's type, or null when it does.</summary>
    private static string? Shape(FieldDescribe field, object value) => field.Type switch
    {
        "boolean" => value is bool ? null : "expected a bool",
        "int" => value is long or int or short or byte ? null : "expected a whole number (long)",
        "double" or "currency" or "percent" => value is decimal or long or int or short or byte || (value is double d && double.IsFinite(d)) || (value is float f && float.IsFinite(f)) ? null : "expected a number (decimal)",
        "date" => value is DateOnly ? null : "expected a DateOnly",
        "datetime" => value is DateTimeOffset or DateTime ? null : "expected a DateTimeOffset",
        "time" => value is TimeOnly ? null : "expected a TimeOnly",
        "base64" => value is byte[] ? null : "expected a byte[]",
        "multipicklist" => value is string || (value is IEnumerable items && items.Cast<object?>().All(i => i is string s && !s.Contains(';', StringComparison.Ordinal)))
            ? null : "expected strings without ';'",
        _ => value is string ? null : "expected a string",
    };

    private static IEnumerable<string> Values(object value) => value switch
    {
        string text => text.Split(';'),
        IEnumerable items => items.Cast<object?>().Select(i => i as string ?? ""),
        _ => [],
    };

    private static DateTimeOffset ParseDateTime(string text) =>
        DateTimeOffset.TryParseExact(text.Replace("+0000", "+00:00", StringComparison.Ordinal), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.ToUniversalTime()
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();

    private static decimal Decimal(JsonElement json) => json.TryGetDecimal(out var value) ? value : (decimal)json.GetDouble();

    private static string? Text(JsonElement json, string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static decimal? Number(JsonElement json, string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? Decimal(value) : null;
}

/// <summary>A compound address field's value (read only; write the component fields).</summary>
public sealed record AddressValue(string? Street, string? City, string? State, string? PostalCode, string? Country, decimal? Latitude, decimal? Longitude);

/// <summary>A compound geolocation field's value (read only; write the component fields).</summary>
public sealed record LocationValue(decimal? Latitude, decimal? Longitude);

/// <summary>A record with typed values, keyed by field name or relationship path (<c>Owner.Name</c>).</summary>
public sealed record SalesforceRecord(string ObjectName, string Id, IReadOnlyDictionary<string, object?> Values)
{
    public object? this[string path] => Values.GetValueOrDefault(path);

    public override string ToString() => $"{ObjectName} {Id}";
}
