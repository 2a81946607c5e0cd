using System.Collections.Concurrent;
using System.Security.Cryptography;
using Platform.Emulators.Salesforce.Soql;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>Server-side query cursors behind <c>nextRecordsUrl</c>; idle ones expire after 15 minutes, as Salesforce's do.</summary>
internal sealed class QueryCursors(EmulatorClock clock)
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(15);
    private readonly ConcurrentDictionary<string, Cursor> _cursors = new(StringComparer.Ordinal);

    public string Open(QueryResult result, int batchSize, bool queryAll)
    {
        Expire();
        var locator = "01g" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 15);
        _cursors[locator] = new Cursor(result, batchSize, queryAll, clock.UtcNow);
        return locator;
    }

    public Cursor? Find(string locator)
    {
        if (!_cursors.TryGetValue(locator, out var cursor) || clock.UtcNow - cursor.LastUsed > IdleLimit)
        {
            return null;
        }

        var touched = cursor with { LastUsed = clock.UtcNow };
        _cursors[locator] = touched;
        return touched;
    }

    public void Clear() => _cursors.Clear();

    private void Expire()
    {
        var now = clock.UtcNow;
        foreach (var (locator, cursor) in _cursors)
        {
            if (now - cursor.LastUsed > IdleLimit)
            {
                _cursors.TryRemove(locator, out _);
            }
        }
    }

    internal sealed record Cursor(QueryResult Result, int BatchSize, bool QueryAll, DateTimeOffset LastUsed);
}
