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

    public static double Score(string? a, string? b) => ScoreKeys(NameKey.Of(a), NameKey.Of(b));

    /// <summary>The score of two names already normalised (compare one name with many without normalising it each time).</summary>
    public static double ScoreKeys(NameKey a, NameKey b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Words.Count == 0 || b.Words.Count == 0)
        {
            return 0;
        }

        if (a.Text == b.Text)
        {
            return 1;
        }

        var shared = a.Words.Count(b.Words.Contains);
        var words = (double)shared / (a.Words.Count + b.Words.Count - shared);
        var edits = 1 - (double)Levenshtein(a.Text, b.Text) / Math.Max(a.Text.Length, b.Text.Length);
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

/// <summary>A name normalised for comparison: its distinct words and its words joined by spaces.</summary>
public sealed record NameKey(IReadOnlySet<string> Words, string Text)
{
    public static NameKey Of(string? name)
    {
        var words = NameSimilarity.Words(name);
        return new NameKey(words.ToHashSet(StringComparer.Ordinal), string.Join(' ', words));
    }
}
