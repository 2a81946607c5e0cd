using System.Globalization;

namespace Platform.Salesforce;

/// <summary>
/// The org's API usage as the last response reported it (<c>Sforce-Limit-Info: api-usage=used/allocated</c>), and this
/// connection's share of the allocation. Safe to read from any thread.
/// </summary>
public sealed class ApiBudget(double share)
{
    private readonly Lock _sync = new();
    private int? _used;
    private int? _allocated;

    /// <summary>The share (0–1] of the daily allocation this connection may use.</summary>
    public double Share { get; } = share is > 0 and <= 1 ? share : throw new ArgumentOutOfRangeException(nameof(share), share, "The budget share must be more than 0 and at most 1.");

    /// <summary>Calls the org made in the last 24 hours, as last reported; null before the first answer.</summary>
    public int? Used
    {
        get
        {
            lock (_sync)
            {
                return _used;
            }
        }
    }

    /// <summary>The org's daily allocation, as last reported.</summary>
    public int? Allocated
    {
        get
        {
            lock (_sync)
            {
                return _allocated;
            }
        }
    }

    /// <summary>The calls this connection may let the org reach: share × allocation.</summary>
    public int? Allowance
    {
        get
        {
            lock (_sync)
            {
                return _allocated is { } allocated ? (int)Math.Floor(allocated * Share) : null;
            }
        }
    }

    /// <summary>Whether the next <paramref name="calls"/> calls fit the share (true while usage is unknown).</summary>
    public bool CanSpend(int calls = 1)
    {
        lock (_sync)
        {
            return _used is not { } used || _allocated is not { } allocated || used + calls <= Math.Floor(allocated * Share);
        }
    }

    /// <summary>Throws <see cref="SalesforceBudgetExceededException"/> when the next calls would exceed the share.</summary>
    public void EnsureAvailable(int calls = 1)
    {
        if (!CanSpend(calls))
        {
            throw new SalesforceBudgetExceededException(
                $"The Salesforce API budget is spent: the org has used {Used:N0} of its {Allocated:N0} daily calls and this connection may let it reach {Share:P0} ({Allowance:N0}). Calls resume as the 24-hour usage falls.");
        }
    }

    /// <summary>Reads a <c>Sforce-Limit-Info</c> header (<c>api-usage=25/15000</c>, possibly followed by per-app usage).</summary>
    public void Observe(string? header)
    {
        if (header is null)
        {
            return;
        }

        foreach (var part in header.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith("api-usage=", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var numbers = part["api-usage=".Length..].Split('/');
            if (numbers.Length == 2 && int.TryParse(numbers[0], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                && int.TryParse(numbers[1], NumberStyles.None, CultureInfo.InvariantCulture, out var allocated))
            {
                lock (_sync)
                {
                    _used = used;
                    _allocated = allocated;
                }
            }
        }
    }
}
