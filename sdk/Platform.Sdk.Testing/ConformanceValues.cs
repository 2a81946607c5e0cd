using System.Collections;
using System.Globalization;

namespace Platform.Sdk.Testing;

/// <summary>Compares values the way the platform does: by meaning, not CLR type (5, 5L, 5.0m and "5" are the same number).</summary>
internal static class ConformanceValues
{
    public static bool Same(object? expected, object? actual) => Canonical(expected) == Canonical(actual);

    public static string Show(object? value) => value is null ? "null" : $"'{Canonical(value)}'";

    private static string Canonical(object? value) => value switch
    {
        null => "",
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => Number(number),
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        IConvertible c when c.GetTypeCode() is >= TypeCode.SByte and <= TypeCode.Decimal => Number(c.ToDecimal(CultureInfo.InvariantCulture)),
        IEnumerable items => string.Join(";", items.Cast<object?>().Select(Canonical).Order(StringComparer.Ordinal)),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
