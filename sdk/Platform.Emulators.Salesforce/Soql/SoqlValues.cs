using System.Text;
using System.Text.RegularExpressions;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>How SOQL compares stored values: text case-insensitively, numbers as decimals, multipicklists as sets.</summary>
internal static class SoqlValues
{
    public static bool AreEqual(FieldDefinition field, object? value, object? literal)
    {
        if (value is null || literal is null)
        {
            return value is null && literal is null;
        }

        if (field.Type == SfType.MultiPicklist && value is string have && literal is string want)
        {
            return have.Split(';').ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(want.Split(';'));
        }

        return Compare(value, literal) == 0;
    }

    /// <summary>Orders two non-null values of the same kind; null when either is null or they cannot be compared.</summary>
    public static int? Compare(object? a, object? b) => (a, b) switch
    {
        (null, _) or (_, null) => null,
        (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
        (bool x, bool y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        (DateTimeOffset x, DateOnly y) => x.UtcDateTime.Date.CompareTo(y.ToDateTime(TimeOnly.MinValue)),
        _ when ToDecimal(a) is { } x && ToDecimal(b) is { } y => x.CompareTo(y),
        _ => null,
    };

    public static bool InRange(object? value, DateRange range, string op)
    {
        var day = value switch
        {
            DateOnly date => date,
            DateTimeOffset instant => DateOnly.FromDateTime(instant.UtcDateTime),
            _ => (DateOnly?)null,
        };
        if (day is not { } d)
        {
            return op == "!=";
        }

        return op switch
        {
            "=" => d >= range.Start && d < range.End,
            "!=" => d < range.Start || d >= range.End,
            "<" => d < range.Start,
            "<=" => d < range.End,
            ">" => d >= range.End,
            _ => d >= range.Start,
        };
    }

    /// <summary>A LIKE pattern: % any run, _ one character, \% and \_ literal; case-insensitive, whole value.</summary>
    public static Regex LikePattern(string raw)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                pattern.Append(Regex.Escape(raw[++i].ToString()));
            }
            else
            {
                pattern.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
            }
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    private static decimal? ToDecimal(object value) => value switch
    {
        decimal d => d,
        long l => l,
        int i => i,
        double f => (decimal)f,
        _ => null,
    };
}
