namespace Platform.Sync;

/// <summary>
/// A reference field's value as the engine holds it: the referenced record's ids on both sides, joined (<c>app|sf</c>),
/// so two sides pointing at the same pair compare equal whatever their own id spaces. A side whose referenced record is
/// not paired holds only its own id (<c>|001…</c> or <c>uuid|</c>). Salesforce ids never contain the separator, so an app
/// id may.
/// </summary>
public static class ReferenceValue
{
    public const char Separator = '|';

    public static string Of(string? appId, string? salesforceId) => $"{appId}{Separator}{salesforceId}";

    /// <summary>The referenced record's id on <paramref name="side"/>; null when the value is empty or that side's record is not paired.</summary>
    public static string? IdOn(Side side, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.LastIndexOf(Separator);
        var id = at < 0 ? value : side == Side.App ? value[..at] : value[(at + 1)..];
        return id.Length == 0 ? null : id;
    }

    /// <summary>Whether the value is empty or names a paired record (so it can be written to either side).</summary>
    public static bool IsResolved(string? value) =>
        string.IsNullOrEmpty(value) || IdOn(Side.App, value) is not null && IdOn(Side.Salesforce, value) is not null;
}
