using Platform.Sdk;

namespace Platform.Sync.Tests;

public sealed class CanonicalTests
{
    [Theory]
    [InlineData(12.50, "12.5")]
    [InlineData(100, "100")]
    [InlineData(0.000, "0")]
    [InlineData(-3.25, "-3.25")]
    public void From_Decimal_DropsTrailingZerosAndExponent(double value, string expected) =>
        Canonical.From((decimal)value).ShouldBe(expected);

    [Fact]
    public void From_EmptyTextAndEmptyList_AreNull()
    {
        Canonical.From("").ShouldBeNull();
        Canonical.From(Array.Empty<string>()).ShouldBeNull();
    }

    [Fact]
    public void From_MultiSelect_IsSortedDistinctAndJoined() =>
        Canonical.From(new[] { "b", "a", "b", " c " }).ShouldBe("a;b;c");

    [Fact]
    public void From_PointInTime_IsUtcWithMilliseconds() =>
        Canonical.From(new DateTimeOffset(2026, 3, 4, 10, 5, 6, 7, TimeSpan.FromHours(2))).ShouldBe("2026-03-04T08:05:06.007Z");

    [Fact]
    public void Coerce_WholeDecimalIntoInteger_Succeeds() =>
        Canonical.Coerce("42.0", FieldType.Integer).ShouldBe("42");

    [Fact]
    public void Coerce_FractionIntoInteger_Throws() =>
        Should.Throw<FormatException>(() => Canonical.Coerce("42.5", "int"));

    [Fact]
    public void Coerce_DateTimeIntoDate_KeepsTheDay() =>
        Canonical.Coerce("2026-03-04T08:05:06.007Z", FieldType.Date).ShouldBe("2026-03-04");

    [Theory]
    [InlineData("1", "true")]
    [InlineData("False", "false")]
    public void Coerce_BooleanSpellings_Normalize(string text, string expected) =>
        Canonical.Coerce(text, "boolean").ShouldBe(expected);

    [Fact]
    public void ValueMap_TranslatesBothWaysAndPassesUnmappedValues()
    {
        var map = new ValueMap(new Dictionary<string, string> { ["active"] = "Customer", ["churned"] = "Former Customer" });
        map.ToSalesforce("active", multi: false).ShouldBe("Customer");
        map.ToApp("Former Customer", multi: false).ShouldBe("churned");
        map.ToApp("Prospect", multi: false).ShouldBe("Prospect");
        map.ToSalesforce("churned;active", multi: true).ShouldBe("Customer;Former Customer");
    }
}
