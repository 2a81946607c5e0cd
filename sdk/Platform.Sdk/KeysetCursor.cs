using System.Globalization;

namespace Platform.Sdk;

/// <summary>
/// A change-feed position for apps that list records modified at or after a time (inclusive), ordered by that time with
/// ids breaking ties: the last record handled. A poller restarts the list at <see cref="ModifiedAt"/> and skips what the
/// position has passed, so records sharing a time are neither missed nor repeated. Stored as the
/// <see cref="AppChangePage.Cursor"/> text <c>ticks|id</c>.
/// </summary>
/// <param name="ModifiedAt">The last handled record's modification time.</param>
/// <param name="Id">The last handled record's id.</param>
public readonly record struct KeysetCursor(DateTimeOffset ModifiedAt, string Id)
{
    /// <summary>Reads a cursor the host handed back.</summary>
    /// <param name="cursor">The stored text, or <see langword="null"/> for the start of the feed.</param>
    /// <returns>The position, or <see langword="null"/> at the start.</returns>
    /// <exception cref="FormatException">The text is not a keyset cursor.</exception>
    public static KeysetCursor? Parse(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        var separator = cursor.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && long.TryParse(cursor[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(separator + 1)..])
            : throw new FormatException($"'{cursor}' is not a keyset change-feed cursor (ticks|id).");
    }

    /// <summary>Whether a listed record comes after <paramref name="position"/> (every record does when it is <see langword="null"/>).</summary>
    /// <param name="position">Where the feed stands.</param>
    /// <param name="modifiedAt">The record's modification time.</param>
    /// <param name="id">The record's id.</param>
    /// <returns><see langword="true"/> when the record is new to the feed.</returns>
    public static bool IsAfter(KeysetCursor? position, DateTimeOffset modifiedAt, string id) =>
        position is not { } at || modifiedAt > at.ModifiedAt || (modifiedAt == at.ModifiedAt && string.CompareOrdinal(id, at.Id) > 0);

    /// <summary>The stored form, <c>ticks|id</c>.</summary>
    /// <returns>The text to hand the host as <see cref="AppChangePage.Cursor"/>.</returns>
    public override string ToString() => $"{ModifiedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Id}";
}
