namespace Platform.Sync;

/// <summary>A record of one side offered for matching: its id and name.</summary>
public sealed record NamedRecord(string Id, string? Name);

/// <summary>A suggested counterpart and how alike the names are.</summary>
public sealed record Suggestion(NamedRecord Record, double Score);

/// <summary>Ranks the records of the other side by name similarity for the matching wizard.</summary>
public static class MatchSuggester
{
    /// <summary>Suggestions scoring below this are not offered: the names share too little to be the same organisation.</summary>
    public const double MinimumScore = 0.4;

    /// <summary>
    /// The <paramref name="count"/> best of <paramref name="choices"/> for <paramref name="name"/>, best first; ties go to
    /// the name that sorts first, then the id, so the order is stable.
    /// </summary>
    public static IReadOnlyList<Suggestion> Suggest(string? name, IEnumerable<NamedRecord> choices, int count)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return [.. choices
            .Select(c => new Suggestion(c, NameSimilarity.Score(name, c.Name)))
            .Where(s => s.Score >= MinimumScore)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Record.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Record.Id, StringComparer.Ordinal)
            .Take(count)];
    }
}
