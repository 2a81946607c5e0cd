using System.Security.Cryptography;
using System.Text;

namespace Platform.Sync;

/// <summary>
/// Decides which triggers a record read from Salesforce fires. Like a PushTopic that notifies on referenced fields, a
/// trigger fires when a record starts to hold its value, or changes a field the entry carries while holding it; reading
/// the same record again fires nothing. What a record last fired is kept as its mark: each trigger it holds, with a hash
/// of the fields read from its object.
/// </summary>
public static class TriggerEvaluator
{
    /// <summary>The fields read from <paramref name="objectName"/>'s feed: its triggers' fields and the receiver fields it holds.</summary>
    public static IReadOnlyList<string> FeedFields(ReceiverConfig config, string objectName)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.Triggers.Where(t => Same(t.Object, objectName)).Select(t => t.Field)
            .Concat(config.Fields.Where(f => Same(f.Object, objectName)).Select(f => f.SalesforceField))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The triggers the record fires now, and its new mark (null when it holds no trigger's value).</summary>
    /// <param name="config">The receiver.</param>
    /// <param name="objectName">The record's object.</param>
    /// <param name="values">The record's <see cref="FeedFields"/>, as canonical text, keyed by the names <see cref="FeedFields"/> gives.</param>
    /// <param name="previousMark">The record's mark, or null when it has none.</param>
    public static TriggerEvaluation Evaluate(ReceiverConfig config, string objectName, IReadOnlyDictionary<string, string?> values, string? previousMark)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(values);
        var hash = Hash(FeedFields(config, objectName), values);
        var held = config.Triggers.Where(t => Same(t.Object, objectName) && t.Fires(Value(values, t.Field))).ToArray();
        if (held.Length == 0)
        {
            return new TriggerEvaluation([], null);
        }

        var previous = (previousMark ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var marks = held.Select(t => $"{Key(t)}\t{hash}").ToArray();
        return new TriggerEvaluation([.. held.Where((_, i) => !previous.Contains(marks[i]))], string.Join('\n', marks.Order(StringComparer.Ordinal)));
    }

    /// <summary>A trigger's identity in marks: what it watches and what it asks.</summary>
    public static string Key(ReceiverTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return $"{trigger.Object}.{trigger.Field}={trigger.Value}>{trigger.Action}".ToUpperInvariant();
    }

    private static string Hash(IReadOnlyList<string> fields, IReadOnlyDictionary<string, string?> values)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            // Lengths keep ("a", "bc") apart from ("ab", "c"); null differs from empty by its marker.
            var value = Value(values, field);
            text.Append(value is null ? "-" : $"{value.Length}:{value}").Append('|');
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())), 0, 12);
    }

    private static string? Value(IReadOnlyDictionary<string, string?> values, string field) => values.GetValueOrDefault(field);

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>What a record fires.</summary>
/// <param name="Fired">The triggers that make an entry now.</param>
/// <param name="Mark">The record's new mark; null removes it.</param>
public sealed record TriggerEvaluation(IReadOnlyList<ReceiverTrigger> Fired, string? Mark);
