using CsCheck;
using Platform.Sdk;

namespace Platform.Sync.Tests;

/// <summary>The SDK's keyset change-feed cursor, which polling connectors (ClientSuccess, Referral Rock) store.</summary>
public sealed class KeysetCursorTests
{
    private static readonly Gen<KeysetCursor> Cursors =
        Gen.Select(Gen.Long[0, DateTimeOffset.MaxValue.UtcTicks], Gen.String[Gen.Char.AlphaNumeric, 1, 12], (ticks, id) => new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id));

    [Fact]
    public void Parse_WhatToStringWrote_GivesTheSamePosition() =>
        Cursors.Sample(cursor => KeysetCursor.Parse(cursor.ToString()) == cursor);

    [Fact]
    public void IsAfter_OrdersByTimeThenOrdinalId_AndNeverAdmitsThePositionItself() =>
        Gen.Select(Cursors, Cursors).Sample((position, record) =>
            KeysetCursor.IsAfter(position, record.ModifiedAt, record.Id)
                == (record.ModifiedAt > position.ModifiedAt || (record.ModifiedAt == position.ModifiedAt && string.CompareOrdinal(record.Id, position.Id) > 0))
            && !KeysetCursor.IsAfter(position, position.ModifiedAt, position.Id));

    [Fact]
    public void IsAfter_AtTheStartOfTheFeed_AdmitsEveryRecord() =>
        KeysetCursor.IsAfter(KeysetCursor.Parse(null), DateTimeOffset.MinValue, "").ShouldBeTrue();

    [Theory]
    [InlineData("")]
    [InlineData("|id")]
    [InlineData("yesterday|id")]
    [InlineData("638000000000000000")]
    public void Parse_NotACursor_Throws(string text) => Should.Throw<FormatException>(() => KeysetCursor.Parse(text));
}
