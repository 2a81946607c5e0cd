using System.Collections;
using System.Globalization;
using Platform.Sdk;

namespace Platform.Sync;

/// <summary>
/// The text form every value takes inside the engine, so that values from either side, of any .NET type, compare by
/// plain string equality: empty text and empty lists are null; numbers have no exponent and no trailing zeros; booleans
/// are <c>true</c>/<c>false</c>; dates <c>yyyy-MM-dd</c>; points in time UTC with milliseconds; multi-select values
/// sorted, distinct and <c>;</c>-joined.
/// </summary>
public static class Canonical
{
    public static string? From(object? value) => value switch
    {
        null => null,
        string s => s.Length == 0 ? null : s,
        bool b => b ? "true" : "false",
        decimal d => Number(d),
        double d => double.IsFinite(d) ? Number((decimal)d) : d.ToString(CultureInfo.InvariantCulture),
        float f => float.IsFinite(f) ? Number((decimal)f) : f.ToString(CultureInfo.InvariantCulture),
        long or int or short or byte => Convert.ToString(value, CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => Instant(t),
        DateTime t => Instant(new DateTimeOffset(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t)),
        TimeOnly t => t.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
        IEnumerable<string> items => Multi(items),
        IEnumerable items => Multi(items.Cast<object?>().Select(From).OfType<string>()),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    public static string Number(decimal value) =>
        (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string Instant(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Multi(IEnumerable<string> items)
    {
        var set = items.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return set.Length == 0 ? null : string.Join(';', set);
    }

    /// <summary>Converts canonical text to the .NET type an app field of <paramref name="type"/> takes.</summary>
    /// <exception cref="FormatException">The text is not a value of that type.</exception>
    public static object? ToApp(string? text, FieldType type) => text is null ? null : type switch
    {
        FieldType.Integer => long.Parse(TrimFraction(text), NumberStyles.Integer, CultureInfo.InvariantCulture),
        FieldType.Decimal or FieldType.Currency or FieldType.Percent => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        FieldType.Boolean => ParseBool(text),
        FieldType.Date => DateOnly.ParseExact(text[..Math.Min(10, text.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        FieldType.DateTime => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        FieldType.MultiPicklist => text.Split(';'),
        _ => text,
    };

    /// <summary>Converts canonical text to the .NET type the Salesforce client writes for a field of describe type <paramref name="type"/>.</summary>
    /// <exception cref="FormatException">The text is not a value of that type.</exception>
    public static object? ToSalesforce(string? text, string type) => text is null ? null : type switch
    {
        "int" => long.Parse(TrimFraction(text), NumberStyles.Integer, CultureInfo.InvariantCulture),
        "double" or "currency" or "percent" => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        "boolean" => ParseBool(text),
        "date" => DateOnly.ParseExact(text[..Math.Min(10, text.Length)], "yyyy-MM-dd", CultureInfo.InvariantCulture),
        "datetime" => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        "multipicklist" => text.Split(';'),
        _ => text,
    };

    /// <summary>Normalizes canonical text for the target's type, so a value crossing types (a date into a datetime, 1.0 into an integer) compares equal to what the target will hold.</summary>
    public static string? Coerce(string? text, FieldType type) => text is null ? null : From(ToApp(text, type));

    public static string? Coerce(string? text, string salesforceType) => text is null ? null : From(ToSalesforce(text, salesforceType));

    private static bool ParseBool(string text) => text switch
    {
        "true" or "True" or "TRUE" or "1" or "yes" => true,
        "false" or "False" or "FALSE" or "0" or "no" => false,
        _ => throw new FormatException($"'{text}' is not a boolean."),
    };

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 || text[(dot + 1)..].All(c => c == '0') ? (dot < 0 ? text : text[..dot]) : throw new FormatException($"'{text}' is not a whole number.");
    }
}
