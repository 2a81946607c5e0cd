namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// The org's clock: follows a time provider, but tests can pin it to an instant or move it forward. Audit timestamps
/// are whole seconds, as Salesforce's are, so several records can share one SystemModstamp.
/// </summary>
public sealed class EmulatorClock(TimeProvider timeProvider)
{
    private readonly Lock _sync = new();
    private TimeSpan _offset;
    private DateTimeOffset? _pinned;

    public DateTimeOffset UtcNow
    {
        get
        {
            lock (_sync)
            {
                return _pinned ?? timeProvider.GetUtcNow() + _offset;
            }
        }
    }

    /// <summary>Now, truncated to whole seconds.</summary>
    public DateTimeOffset Timestamp
    {
        get
        {
            var now = UtcNow;
            return new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        }
    }

    /// <summary>Stops the clock at <paramref name="instant"/> until it is advanced or released.</summary>
    public void Pin(DateTimeOffset instant)
    {
        lock (_sync)
        {
            _pinned = instant.ToUniversalTime();
        }
    }

    /// <summary>Moves the clock forward (pinned or running).</summary>
    public void Advance(TimeSpan by)
    {
        lock (_sync)
        {
            if (_pinned is { } pinned)
            {
                _pinned = pinned + by;
            }
            else
            {
                _offset += by;
            }
        }
    }

    /// <summary>Lets a pinned clock run again from where it stands.</summary>
    public void Release()
    {
        lock (_sync)
        {
            if (_pinned is { } pinned)
            {
                _offset = pinned - timeProvider.GetUtcNow();
                _pinned = null;
            }
        }
    }
}
