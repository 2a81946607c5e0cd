using System.Globalization;
using System.Text;

namespace Platform.Sync;

/// <summary>
/// How alike two organisation names are, from 0 (nothing alike) to 1 (the same once case, accents, punctuation, "&amp;"
/// and legal forms such as Inc., Ltd. or GmbH are ignored). The score blends the share of words the names have in common
/// with the edit distance of their normalised text, so "Acme Corp" and "ACME Corporation" are 1, and "Northwind 12" and
/// "Northwind 21" are close but below both.
/// </summary>
public static class NameSimilarity
{
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag",
        "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "plc", "pty", "oy", "ab", "as", "kg", "the",
    };

    public static double Score(string? a, string? b)
    {
        var left = Words(a);
        var right = Words(b);
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var leftText = string.Join(' ', left);
        var rightText = string.Join(' ', right);
        if (leftText == rightText)
        {
            return 1;
        }

        var shared = left.Intersect(right, StringComparer.Ordinal).Count();
        var words = (double)shared / left.Union(right, StringComparer.Ordinal).Count();
        var edits = 1 - (double)Levenshtein(leftText, rightText) / Math.Max(leftText.Length, rightText.Length);
        return Math.Round(0.5 * words + 0.5 * edits, 4);
    }

    /// <summary>The name's words: lower case, without accents, punctuation or legal forms ("&amp;" reads "and").</summary>
    public static IReadOnlyList<string> Words(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c == '.' || c == '\'')
            {
                continue;
            }

            text.Append(c == '&' ? " and " : char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var words = text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = words.Where(w => !LegalForms.Contains(w)).ToList();
        return kept.Count > 0 ? kept : words;
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
