namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// Makes requests fail on purpose: by a rate (<see cref="FaultRule.Rate"/>) or by a scripted sequence that the next
/// matching calls consume in order (<see cref="FaultRule.Sequence"/>). Deterministic for a given seed.
/// </summary>
public sealed class FaultInjector(int seed)
{
    private readonly Lock _sync = new();
    private readonly List<ActiveRule> _rules = [];
    private Random _random = new(seed);

    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            lock (_sync)
            {
                return [.. _rules.Select(r => r.Rule)];
            }
        }
    }

    public void Set(IEnumerable<FaultRule> rules, int? newSeed = null)
    {
        lock (_sync)
        {
            _rules.Clear();
            _rules.AddRange(rules.Select(r => new ActiveRule(r)));
            if (newSeed is { } value)
            {
                _random = new Random(value);
            }
        }
    }

    public void Clear() => Set([]);

    /// <summary>The fault to apply to this request, if any.</summary>
    public FaultKind Next(string method, string path)
    {
        lock (_sync)
        {
            foreach (var active in _rules)
            {
                var rule = active.Rule;
                if ((rule.Method is not null && !string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
                    || (rule.PathContains is not null && !path.Contains(rule.PathContains, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (rule.Sequence.Count > 0)
                {
                    if (active.Position < rule.Sequence.Count)
                    {
                        return rule.Sequence[active.Position++];
                    }

                    continue;
                }

                if (_random.NextDouble() < rule.Rate)
                {
                    return rule.Kind;
                }
            }

            return FaultKind.None;
        }
    }

    private sealed class ActiveRule(FaultRule rule)
    {
        public FaultRule Rule { get; } = rule;

        public int Position { get; set; }
    }
}

/// <summary>When and how to fail requests.</summary>
public sealed record FaultRule
{
    /// <summary>Only requests with this HTTP method. Default: any.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose path contains this text (e.g. <c>/composite/sobjects</c>). Default: any.</summary>
    public string? PathContains { get; init; }

    /// <summary>The fault applied at <see cref="Rate"/>.</summary>
    public FaultKind Kind { get; init; } = FaultKind.ServiceUnavailable;

    /// <summary>Probability (0–1) that a matching request gets <see cref="Kind"/>. Default: 1.</summary>
    public double Rate { get; init; } = 1;

    /// <summary>Faults for the next matching requests, in order (<see cref="FaultKind.None"/> lets one through); overrides the rate.</summary>
    public IReadOnlyList<FaultKind> Sequence { get; init; } = [];

    /// <summary>Delay added by <see cref="FaultKind.Latency"/>, in milliseconds. Default: 500.</summary>
    public int LatencyMilliseconds { get; init; } = 500;
}

public enum FaultKind
{
    None,

    /// <summary>500 UNKNOWN_EXCEPTION.</summary>
    ServerError,

    /// <summary>503 SERVER_UNAVAILABLE.</summary>
    ServiceUnavailable,

    /// <summary>400 UNABLE_TO_LOCK_ROW.</summary>
    UnableToLockRow,

    /// <summary>401 INVALID_SESSION_ID, as if the session had expired.</summary>
    InvalidSession,

    /// <summary>403 REQUEST_LIMIT_EXCEEDED.</summary>
    RequestLimitExceeded,

    /// <summary>Answers late (then normally).</summary>
    Latency,

    /// <summary>Closes the connection without an answer.</summary>
    DropConnection,
}
