namespace Platform.Testing;

/// <summary>
/// Real time plus an offset a test moves forward, so a running host can be sent minutes ahead without waiting while its
/// timers (and Orleans') keep running on the real clock.
/// </summary>
public sealed class ShiftableTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves this clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
