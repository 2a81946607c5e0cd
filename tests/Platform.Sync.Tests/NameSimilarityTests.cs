using CsCheck;

namespace Platform.Sync.Tests;

/// <summary>The matching wizard's name similarity and the ranking built on it.</summary>
public sealed class NameSimilarityTests
{
    private static readonly Gen<string> Names = Gen.String[Gen.Char["abcdefgh &.,-'0123ÉéIncLtd"], 0, 24];

    [Theory]
    [InlineData("Acme Corp", "ACME Corporation")]
    [InlineData("Acme, Inc.", "acme")]
    [InlineData("Müller & Söhne GmbH", "Muller and Sohne")]
    [InlineData("The Widget Co.", "Widget Company")]
    public void Score_SameNameInAnotherForm_IsOne(string a, string b) => NameSimilarity.Score(a, b).ShouldBe(1);

    [Fact]
    public void Score_NearDuplicateNumbers_RanksBelowTheSameName()
    {
        var same = NameSimilarity.Score("Northwind Traders 12", "Northwind Traders 12, Inc.");
        var near = NameSimilarity.Score("Northwind Traders 12", "Northwind Traders 21");

        near.ShouldBeLessThan(same);
        near.ShouldBeGreaterThan(MatchSuggester.MinimumScore);
    }

    [Fact]
    public void Score_UnrelatedOrEmptyNames_IsBelowTheSuggestionThreshold()
    {
        NameSimilarity.Score("Acme Corp", "Globex Industries").ShouldBeLessThan(MatchSuggester.MinimumScore);
        NameSimilarity.Score("", "Acme").ShouldBe(0);
        NameSimilarity.Score(null, null).ShouldBe(0);
    }

    [Fact]
    public void Score_AnyTwoNames_IsSymmetricBetweenZeroAndOneAndOneForItself() =>
        Gen.Select(Names, Names).Sample((a, b) =>
        {
            var score = NameSimilarity.Score(a, b);
            score.ShouldBe(NameSimilarity.Score(b, a));
            score.ShouldBeInRange(0, 1);
            if (NameSimilarity.Words(a).Count > 0)
            {
                NameSimilarity.Score(a, a).ShouldBe(1);
            }
        });

    [Fact]
    public void Suggest_ManyChoices_ReturnsTheBestFirstAboveTheThresholdAndAtMostTheCount()
    {
        NamedRecord[] choices = [new("1", "Globex"), new("2", "Acme Holdings"), new("3", "ACME Corp."), new("4", "Acme Corp West"), new("5", "Initech")];

        var suggestions = new MatchSuggester(choices).Suggest("Acme Corporation", 2);

        suggestions.Select(s => s.Record.Id).ShouldBe(["3", "4"]);
        suggestions[0].Score.ShouldBe(1);
    }

    [Fact]
    public void Suggest_AnyChoices_IsOrderedByScoreAndNeverBelowTheThreshold() =>
        Gen.Select(Names, Names.Array[0, 12], Gen.Int[1, 5]).Sample((name, names, count) =>
        {
            var suggestions = new MatchSuggester(names.Select((n, i) => new NamedRecord(i.ToString(System.Globalization.CultureInfo.InvariantCulture), n))).Suggest(name, count);
            suggestions.Count.ShouldBeLessThanOrEqualTo(count);
            suggestions.ShouldAllBe(s => s.Score >= MatchSuggester.MinimumScore);
            suggestions.Select(s => s.Score).ShouldBe(suggestions.Select(s => s.Score).OrderByDescending(s => s));
        });
}
