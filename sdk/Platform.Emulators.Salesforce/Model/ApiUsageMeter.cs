namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// Counts API calls over a rolling 24 hours, as Salesforce's daily allocation does: a ring of one-minute slots, so that
/// moving the clock forward drains old usage.
/// </summary>
public sealed class ApiUsageMeter(EmulatorClock clock)
{
    private const int Slots = 24 * 60;
    private readonly Lock _sync = new();
    private readonly long[] _minutes = new long[Slots];
    private readonly int[] _calls = new int[Slots];

    /// <summary>The daily allocation. Default: 15,000 (a Developer Edition org).</summary>
    public int DailyLimit { get; set; } = 15_000;

    /// <summary>Calls made in the last 24 hours.</summary>
    public int Used
    {
        get
        {
            lock (_sync)
            {
                return Sum(CurrentMinute());
            }
        }
    }

    /// <summary>Counts one call unless the allocation is spent.</summary>
    /// <returns>The usage after the call, or <see langword="null"/> when the call is refused.</returns>
    public int? TryCount()
    {
        lock (_sync)
        {
            var minute = CurrentMinute();
            var used = Sum(minute);
            if (used >= DailyLimit)
            {
                return null;
            }

            var slot = (int)(minute % Slots);
            if (_minutes[slot] != minute)
            {
                _minutes[slot] = minute;
                _calls[slot] = 0;
            }

            _calls[slot]++;
            return used + 1;
        }
    }

    /// <summary>Forgets all usage.</summary>
    public void Reset()
    {
        lock (_sync)
        {
            Array.Clear(_minutes);
            Array.Clear(_calls);
        }
    }

    private long CurrentMinute() => clock.UtcNow.ToUnixTimeSeconds() / 60;

    private int Sum(long minute)
    {
        var total = 0;
        for (var i = 0; i < Slots; i++)
        {
            if (_minutes[i] > minute - Slots && _minutes[i] <= minute)
            {
                total += _calls[i];
            }
        }

        return total;
    }
}
