using System.Globalization;

namespace Platform.Connectors.ClientSuccess;

/// <summary>
/// The change-feed position: the last record's modification time and uuid. ClientSuccess lists by <c>modifiedSince</c>
/// (inclusive), so a page restarts at that time and skips what the cursor has already passed.
/// </summary>
internal static class ClientSuccessCursor
{
    public static (DateTimeOffset? Since, string? LastUuid) Parse(string? cursor)
    {
        if (cursor is null)
        {
            return (null, null);
        }

        var separator = cursor.IndexOf('|', StringComparison.Ordinal);
        return separator > 0 && long.TryParse(cursor[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(separator + 1)..])
            : throw new FormatException($"'{cursor}' is not a ClientSuccess change-feed cursor.");
    }

    public static string Format(DateTimeOffset modified, string uuid) => $"{modified.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{uuid}";

    public static bool IsAfter(DateTimeOffset modified, string uuid, DateTimeOffset? since, string? lastUuid) =>
        since is not { } position || modified > position || (modified == position && string.CompareOrdinal(uuid, lastUuid) > 0);
}
