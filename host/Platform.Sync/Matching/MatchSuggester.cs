namespace Platform.Sync;

/// <summary>A record of one side offered for matching: its id and name.</summary>
public sealed record NamedRecord(string Id, string? Name);

/// <summary>A suggested counterpart and how alike the names are.</summary>
public sealed record Suggestion(NamedRecord Record, double Score);

/// <summary>Ranks the records of the other side by name similarity for the matching wizard; the choices' names are normalised once.</summary>
public sealed class MatchSuggester(IEnumerable<NamedRecord> choices)
{
    /// <summary>Suggestions scoring below this are not offered: the names share too little to be the same organisation.</summary>
    public const double MinimumScore = 0.4;

    private readonly (NamedRecord Record, NameKey Key)[] _choices = [.. choices.Select(c => (c, NameKey.Of(c.Name)))];

    /// <summary>
    /// The <paramref name="count"/> best choices for <paramref name="name"/>, best first; ties go to the name that sorts
    /// first, then the id, so the order is stable.
    /// </summary>
    public IReadOnlyList<Suggestion> Suggest(string? name, int count)
    {
        var key = NameKey.Of(name);
        return [.. _choices
            .Select(c => new Suggestion(c.Record, NameSimilarity.ScoreKeys(key, c.Key)))
            .Where(s => s.Score >= MinimumScore)
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Record.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.Record.Id, StringComparer.Ordinal)
            .Take(count)];
    }
}
