using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Json;

/// <summary>Turns a JSON value into a field's stored .NET value, with Salesforce's coercions and errors.</summary>
internal static partial class FieldValueReader
{
    public static bool TryRead(FieldDefinition field, JsonElement json, out object? value, out SalesforceError? error)
    {
        value = null;
        error = null;
        if (json.ValueKind == JsonValueKind.Null)
        {
            value = field.Type == SfType.Boolean ? false : null;
            return true;
        }

        switch (field.Type)
        {
            case SfType.Boolean:
                if (json.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    value = json.GetBoolean();
                    return true;
                }

                if (json.ValueKind == JsonValueKind.String && bool.TryParse(json.GetString(), out var flag))
                {
                    value = flag;
                    return true;
                }

                return Fail("boolean", json, out error);

            case SfType.Int:
                if (TryDecimal(json, out var whole) && whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue)
                {
                    value = (long)whole;
                    return true;
                }

                return Fail("int", json, out error);

            case SfType.Currency or SfType.Double or SfType.Percent:
                if (!TryDecimal(json, out var number))
                {
                    return Fail("double", json, out error);
                }

                var integerDigits = field.Precision - field.Scale;
                if (field.Precision > 0 && Math.Abs(decimal.Truncate(number)) >= Pow10(integerDigits))
                {
                    error = new("NUMBER_OUTSIDE_VALID_RANGE", $"{field.DisplayLabel}: value outside of valid range on numeric field: {number.ToString(CultureInfo.InvariantCulture)}", [field.Name]);
                    return false;
                }

                value = field.Scale >= 0 ? Math.Round(number, Math.Min(field.Scale, 28), MidpointRounding.AwayFromZero) : number;
                return true;

            case SfType.Date:
                if (json.ValueKind == JsonValueKind.String && SfFormats.TryParseDate(json.GetString()!, out var date))
                {
                    value = date;
                    return true;
                }

                return Fail("date", json, out error);

            case SfType.DateTime:
                if (json.ValueKind == JsonValueKind.String && SfFormats.TryParseDateTime(json.GetString()!, out var instant))
                {
                    value = instant;
                    return true;
                }

                return Fail("datetime", json, out error);

            case SfType.Time:
                if (json.ValueKind == JsonValueKind.String && SfFormats.TryParseTime(json.GetString()!, out var time))
                {
                    value = time;
                    return true;
                }

                return Fail("time", json, out error);

            case SfType.Base64:
                if (json.ValueKind == JsonValueKind.String && json.TryGetBytesFromBase64(out var bytes))
                {
                    value = bytes;
                    return true;
                }

                return Fail("base64", json, out error);

            case SfType.MultiPicklist:
                return json.ValueKind == JsonValueKind.String ? Text(json.GetString()!, out value) : Fail("multipicklist", json, out error);

            default:
                return json.ValueKind switch
                {
                    JsonValueKind.String => Text(json.GetString()!, out value),
                    JsonValueKind.Number => Text(json.GetRawText(), out value),
                    JsonValueKind.True or JsonValueKind.False => Text(json.GetRawText(), out value),
                    _ => Fail("string", json, out error),
                };
        }
    }

    /// <summary>Checks a converted value against the field: length, restricted picklists, e-mail format.</summary>
    public static SalesforceError? Check(FieldDefinition field, object? value, string? recordTypeName)
    {
        if (value is not string text)
        {
            return null;
        }

        if (field.Length > 0 && field.Type.IsText() && field.Type != SfType.Reference && text.Length > field.Length)
        {
            var shown = text.Length > 60 ? text[..60] + "(truncated)" : text;
            return new("STRING_TOO_LONG", $"{field.DisplayLabel}: data value too large: {shown} (max length={field.Length})", [field.Name]);
        }

        if (field.Type == SfType.Email && !EmailPattern().IsMatch(text))
        {
            return new("INVALID_EMAIL_ADDRESS", $"{field.DisplayLabel}: invalid email address: {text}", [field.Name]);
        }

        if (field.Type is SfType.Picklist or SfType.MultiPicklist && field.RestrictedPicklist)
        {
            var allowed = recordTypeName is not null && field.RecordTypeValues.TryGetValue(recordTypeName, out var subset)
                ? subset
                : field.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
            var values = field.Type == SfType.MultiPicklist ? text.Split(';') : [text];
            var bad = values.FirstOrDefault(v => !allowed.Contains(v, StringComparer.Ordinal));
            if (bad is not null)
            {
                return new("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", $"{field.DisplayLabel}: bad value for restricted picklist field: {bad}", [field.Name]);
            }
        }

        return null;
    }

    private static bool Text(string text, out object? value)
    {
        // Salesforce stores an empty string as null.
        value = text.Length == 0 ? null : text;
        return true;
    }

    private static bool TryDecimal(JsonElement json, out decimal value)
    {
        value = 0;
        return json.ValueKind switch
        {
            JsonValueKind.Number => json.TryGetDecimal(out value) || TryFromDouble(json.GetDouble(), out value),
            JsonValueKind.String => decimal.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    private static bool TryFromDouble(double number, out decimal value)
    {
        value = 0;
        if (double.IsNaN(number) || Math.Abs(number) > (double)decimal.MaxValue)
        {
            return false;
        }

        value = (decimal)number;
        return true;
    }

    private static decimal Pow10(int digits) => digits >= 28 ? decimal.MaxValue : (decimal)Math.Pow(10, digits);

    private static bool Fail(string type, JsonElement json, out SalesforceError? error)
    {
        var (token, raw) = json.ValueKind switch
        {
            JsonValueKind.String => ("VALUE_STRING", json.GetString()),
            JsonValueKind.Number => (json.GetRawText().Contains('.', StringComparison.Ordinal) ? "VALUE_NUMBER_FLOAT" : "VALUE_NUMBER_INT", json.GetRawText()),
            JsonValueKind.True => ("VALUE_TRUE", "true"),
            JsonValueKind.False => ("VALUE_FALSE", "false"),
            JsonValueKind.Array => ("START_ARRAY", "["),
            _ => ("START_OBJECT", "{"),
        };
        error = SalesforceError.JsonParser(
            $"Cannot deserialize instance of {type} from {token} value {raw} or request may be missing a required field");
        return false;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
