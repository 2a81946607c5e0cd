namespace Platform.Sync;

/// <summary>
/// What an integration receives from Salesforce (for connectors with a receiver): the triggers that make an entry, the
/// Salesforce fields each entry carries, and whom entries are matched to.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReceiverConfig
{
    /// <summary>When a record makes an entry; at least one.</summary>
    [Id(0)] public IReadOnlyList<ReceiverTrigger> Triggers { get; init; } = [];

    /// <summary>The connector's receiver fields and the Salesforce field each is taken from.</summary>
    [Id(1)] public IReadOnlyList<ReceiverField> Fields { get; init; } = [];

    /// <summary>Whom an entry is matched to. Default: the Lead or Contact the triggering record leads to.</summary>
    [Id(2)] public PeopleScope People { get; init; } = PeopleScope.Related;

    /// <summary>Whether an entry set to review is announced on the event stream. Default: true.</summary>
    [Id(3)] public bool NotifyOnReview { get; init; } = true;
}

/// <summary>
/// A Lead, Contact, Account or Opportunity whose <see cref="Field"/> holds <see cref="Value"/> makes an entry with
/// <see cref="Action"/>: when it is created so, changes to it, or changes again while it holds it (in <see cref="Field"/>
/// or a field the entry carries).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReceiverTrigger
{
    [Id(0)] public required string Object { get; init; }

    [Id(1)] public required string Field { get; init; }

    /// <summary>The value that fires it, compared as text ignoring case; <c>*</c> fires on any non-empty value.</summary>
    [Id(2)] public required string Value { get; init; }

    /// <summary>One of the connector's receiver actions (e.g. a referral status).</summary>
    [Id(3)] public required string Action { get; init; }

    /// <summary>Whether a value fires this trigger.</summary>
    public bool Fires(string? value) =>
        !string.IsNullOrEmpty(value) && (Value == "*" || string.Equals(value, Value, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A receiver field and the Salesforce field (<c>Object.Field</c>) it is taken from.</summary>
[GenerateSerializer, Immutable]
public sealed record ReceiverField
{
    [Id(0)] public required string Name { get; init; }

    [Id(1)] public required string Object { get; init; }

    [Id(2)] public required string SalesforceField { get; init; }

    public string Source => $"{Object}.{SalesforceField}";
}

/// <summary>Whom an entry is matched to.</summary>
[GenerateSerializer]
public enum PeopleScope
{
    /// <summary>The Lead or Contact that fired it, or the one Contact its Account or Opportunity leads to.</summary>
    Related,

    /// <summary>As <see cref="Related"/>, plus every Contact of the Account the triggering record belongs to.</summary>
    AccountContacts,
}
