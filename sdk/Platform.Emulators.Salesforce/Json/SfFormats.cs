using System.Globalization;
using System.Text.RegularExpressions;

namespace Platform.Emulators.Salesforce.Json;

/// <summary>Salesforce's date, datetime and time text formats.</summary>
internal static partial class SfFormats
{
    public static string DateTime(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly value) => value.ToString("HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryParseDate(string text, out DateOnly value) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Parses ISO 8601 date-times as Salesforce accepts them (<c>Z</c>, <c>+0000</c>, <c>+00:00</c>, or no offset meaning GMT).</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        var offset = match.Groups["offset"].Value;
        var normalized = match.Groups["main"].Value + (offset switch
        {
            "" or "Z" or "z" => "+00:00",
            { Length: 5 } => offset[..3] + ":" + offset[3..],
            _ => offset,
        });
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && (value = value.ToUniversalTime()) == value;
    }

    public static bool TryParseTime(string text, out TimeOnly value) =>
        TimeOnly.TryParse(text.TrimEnd('Z', 'z'), CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    [GeneratedRegex(@"^(?<main>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)(?<offset>Z|z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTimePattern();
}
