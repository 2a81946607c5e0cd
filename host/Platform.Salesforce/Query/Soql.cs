using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Salesforce;

/// <summary>
/// A SOQL statement. Build one with <see cref="Format"/>: every interpolated value is written as a SOQL literal (strings
/// quoted and escaped, dates and datetimes as literals, lists as <c>(a, b)</c>), so values can never change the
/// statement. Field and object names that are not constants go in as <see cref="SoqlIdentifier"/>.
/// </summary>
public readonly record struct Soql(string Text)
{
    /// <summary>Builds a statement from an interpolated string, binding each value safely.</summary>
    /// <example><code>Soql.Format($"SELECT Id FROM Account WHERE Name = {name} AND CreatedDate > {since}")</code></example>
    public static Soql Format(ref SoqlInterpolatedStringHandler statement) => new(statement.ToStringAndClear());

    public override string ToString() => Text;
}

/// <summary>Escapes interpolated values as SOQL literals.</summary>
[InterpolatedStringHandler]
public ref struct SoqlInterpolatedStringHandler
{
    private DefaultInterpolatedStringHandler _text;

    public SoqlInterpolatedStringHandler(int literalLength, int formattedCount) =>
        _text = new DefaultInterpolatedStringHandler(literalLength, formattedCount, CultureInfo.InvariantCulture);

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendLiteral(SoqlLiteral.Format(value));

    /// <summary>
    /// <c>{value:like}</c> escapes the LIKE wildcards <c>%</c> and <c>_</c>; <c>{value:startswith}</c>,
    /// <c>{value:contains}</c> and <c>{value:endswith}</c> also add the wildcards around it.
    /// </summary>
    public void AppendFormatted<T>(T value, string? format) => _text.AppendLiteral(format switch
    {
        null or "" => SoqlLiteral.Format(value),
        "like" => SoqlLiteral.Like(value as string ?? "", "", ""),
        "startswith" => SoqlLiteral.Like(value as string ?? "", "", "%"),
        "contains" => SoqlLiteral.Like(value as string ?? "", "%", "%"),
        "endswith" => SoqlLiteral.Like(value as string ?? "", "%", ""),
        _ => throw new FormatException($"Unknown SOQL format '{format}'; use like, startswith, contains or endswith."),
    });

    public string ToStringAndClear() => _text.ToStringAndClear();
}

/// <summary>A field path or object name written into SOQL as is, after checking it is a valid API name.</summary>
public sealed partial record SoqlIdentifier
{
    private SoqlIdentifier(string name) => Name = name;

    public string Name { get; }

    /// <summary>A field (<c>Name</c>, <c>Custom__c</c>) or relationship path (<c>Owner.Name</c>, <c>Parent__r.Code__c</c>).</summary>
    public static SoqlIdentifier Of(string name) =>
        NamePattern().IsMatch(name) ? new SoqlIdentifier(name) : throw new ArgumentException($"'{name}' is not a valid Salesforce API name.", nameof(name));

    /// <summary>A comma-separated field list for SELECT.</summary>
    public static SoqlIdentifier List(IEnumerable<string> names) => new(string.Join(", ", names.Select(n => Of(n).Name)));

    public override string ToString() => Name;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")]
    private static partial Regex NamePattern();
}

/// <summary>SOQL literal formatting.</summary>
public static class SoqlLiteral
{
    /// <summary>Writes a value as a SOQL literal.</summary>
    public static string Format<T>(T value) => value switch
    {
        null => "null",
        SoqlIdentifier identifier => identifier.Name,
        string text => Quote(text),
        bool flag => flag ? "true" : "false",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset instant => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        DateTime instant => DateTime.SpecifyKind(instant, instant.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : instant.Kind)
            .ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        double or float => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        IFormattable number when value is int or long or short or byte or decimal or uint or ulong => number.ToString(null, CultureInfo.InvariantCulture),
        Enum choice => Quote(choice.ToString()),
        IEnumerable items => List(items),
        _ => throw new ArgumentException($"A {value.GetType().Name} cannot be written as a SOQL literal."),
    };

    /// <summary>A quoted, escaped string literal.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '\\' => @"\\",
                '\'' => @"\'",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\b' => @"\b",
                '\f' => @"\f",
                _ when char.IsControl(c) => throw new ArgumentException($"SOQL string literals cannot hold the control character U+{(int)c:X4}."),
                _ => c.ToString(),
            });
        }

        return quoted.Append('\'').ToString();
    }

    internal static string Like(string text, string before, string after)
    {
        var escaped = Quote(text)[1..^1].Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal);
        return "'" + before + escaped + after + "'";
    }

    private static string List(IEnumerable items)
    {
        var values = items.Cast<object?>().Select(Format).ToList();
        return values.Count > 0 ? "(" + string.Join(", ", values) + ")" : throw new ArgumentException("An IN list needs at least one value.");
    }
}
