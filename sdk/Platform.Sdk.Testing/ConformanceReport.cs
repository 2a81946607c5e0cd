using System.Text;

namespace Platform.Sdk.Testing;

/// <summary>What the kit found: one result per check.</summary>
public sealed record ConformanceReport
{
    /// <summary>Every check that ran, in order.</summary>
    public required IReadOnlyList<ConformanceResult> Results { get; init; }

    /// <summary>Whether every check passed.</summary>
    public bool Passed => Results.All(r => r.Passed);

    /// <summary>Throws when a check failed, with every failure in the message (for any test framework).</summary>
    /// <exception cref="ConformanceException">A check failed.</exception>
    public void ThrowIfFailed()
    {
        if (!Passed)
        {
            throw new ConformanceException(ToString());
        }
    }

    /// <summary>One line per check: PASS or FAIL, its name and what was found.</summary>
    /// <returns>The report as text.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var result in Results)
        {
            text.Append(result.Passed ? "PASS " : "FAIL ").Append(result.Check).Append(": ").AppendLine(result.Detail);
        }

        return text.ToString();
    }
}

/// <summary>One check's outcome.</summary>
/// <param name="Check">What was checked, e.g. <c>writes/client</c>.</param>
/// <param name="Passed">Whether the connector behaved.</param>
/// <param name="Detail">What was found; for a failure, what was expected and what happened.</param>
public sealed record ConformanceResult(string Check, bool Passed, string Detail);

/// <summary>A connector failed the conformance kit; the message lists each failed check.</summary>
/// <param name="message">The report.</param>
public sealed class ConformanceException(string message) : Exception(message);
