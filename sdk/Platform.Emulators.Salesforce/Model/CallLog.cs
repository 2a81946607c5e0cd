using System.Collections.Concurrent;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>Every API request the org answered, for tests that count calls or check headers.</summary>
public sealed class CallLog
{
    private const int Capacity = 200_000;
    private readonly ConcurrentQueue<CallRecord> _calls = new();
    private long _sequence;

    public IReadOnlyCollection<CallRecord> Calls => _calls;

    internal void Add(DateTimeOffset at, string method, string path, int status, bool counted, string? client, string? userId)
    {
        _calls.Enqueue(new CallRecord(Interlocked.Increment(ref _sequence), at, method, path, status, counted, client, userId));
        while (_calls.Count > Capacity && _calls.TryDequeue(out _))
        {
        }
    }

    public void Clear() => _calls.Clear();
}

/// <summary>One answered request. <see cref="Counted"/> says whether it used the daily API allocation.</summary>
public sealed record CallRecord(long Sequence, DateTimeOffset At, string Method, string Path, int Status, bool Counted, string? Client, string? UserId);
