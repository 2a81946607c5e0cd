namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// Salesforce record ids: a 3-character key prefix, a 2-character instance code, a reserved character and a 9-character
/// base-62 sequence (15 case-sensitive characters), plus a 3-character suffix that makes the id case-insensitively unique.
/// </summary>
public static class SalesforceId
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>Builds the 18-character id for a key prefix and sequence number.</summary>
    public static string Create(string keyPrefix, long sequence, string instance = "5g")
    {
        Span<char> id = stackalloc char[18];
        keyPrefix.AsSpan().CopyTo(id);
        instance.AsSpan().CopyTo(id[3..]);
        id[5] = '0';
        for (var i = 14; i >= 6; i--)
        {
            id[i] = Base62[(int)(sequence % 62)];
            sequence /= 62;
        }

        WriteSuffix(id);
        return new string(id);
    }

    /// <summary>Converts a 15-character id to 18 characters; returns an 18-character id unchanged.</summary>
    public static string? Normalize(string? id)
    {
        if (id is null || !IsWellFormed(id))
        {
            return null;
        }

        if (id.Length == 18)
        {
            Span<char> check = stackalloc char[18];
            id.AsSpan().CopyTo(check);
            WriteSuffix(check);
            return string.Equals(new string(check[15..]), id[15..], StringComparison.OrdinalIgnoreCase) ? id[..15] + new string(check[15..]) : null;
        }

        Span<char> full = stackalloc char[18];
        id.AsSpan().CopyTo(full);
        WriteSuffix(full);
        return new string(full);
    }

    /// <summary>Whether the text has the shape of an id (15 or 18 alphanumeric characters).</summary>
    public static bool IsWellFormed(string id) =>
        id.Length is 15 or 18 && id.All(char.IsAsciiLetterOrDigit);

    private static void WriteSuffix(Span<char> id)
    {
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = 0;
            for (var i = 0; i < 5; i++)
            {
                if (char.IsAsciiLetterUpper(id[(chunk * 5) + i]))
                {
                    bits |= 1 << i;
                }
            }

            id[15 + chunk] = SuffixAlphabet[bits];
        }
    }
}
