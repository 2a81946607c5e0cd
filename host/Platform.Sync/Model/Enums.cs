namespace Platform.Sync;

/// <summary>Which way records or values flow (the host's copy of the SDK's direction, safe to persist).</summary>
[GenerateSerializer]
public enum Direction
{
    None,
    ToSalesforce,
    ToApp,
    Both,
}

/// <summary>Which system a value, change or write belongs to.</summary>
[GenerateSerializer]
public enum Side
{
    App,
    Salesforce,
}

/// <summary>How a conflict (both sides changed a field differently since the last sync) is settled.</summary>
[GenerateSerializer]
public enum ConflictPolicyKind
{
    /// <summary>The app's value wins.</summary>
    AppIsMaster,

    /// <summary>Salesforce's value wins.</summary>
    SalesforceIsMaster,

    /// <summary>The side whose record changed last wins; on a tie, Salesforce.</summary>
    LastWriterWins,
}

/// <summary>What happens on the other side when a paired record is deleted.</summary>
[GenerateSerializer]
public enum DeletePolicy
{
    /// <summary>Delete the counterpart.</summary>
    Delete,

    /// <summary>Keep the counterpart but set a field to a value (e.g. a status "Deleted").</summary>
    Mark,

    /// <summary>Leave the counterpart alone; the pair is marked broken.</summary>
    Ignore,
}

/// <summary>Where a write stands.</summary>
[GenerateSerializer]
public enum OutboxState
{
    /// <summary>Decided, not yet sent.</summary>
    New,

    /// <summary>Sent (or about to be); the outcome is not yet known.</summary>
    Pending,

    Succeeded,

    /// <summary>Refused; waits for an operator unless <see cref="OutboxEntry.Retryable"/>.</summary>
    Failed,

    /// <summary>Deliberately not written (a rule said so, or the target already held the value).</summary>
    Ignored,

    /// <summary>Folded into a later write to the same record.</summary>
    Merged,

    /// <summary>Needs an operator's decision (e.g. the outcome of a create is unknown after a crash).</summary>
    NeedsReview,
}

/// <summary>What a write does.</summary>
[GenerateSerializer]
public enum WriteKind
{
    Create,
    Update,
    Delete,
}

/// <summary>A pair's situation.</summary>
[GenerateSerializer]
public enum PairStatus
{
    /// <summary>Both records exist and are linked.</summary>
    Linked,

    /// <summary>Only the app record is known so far (its counterpart is being created or matched).</summary>
    AppOnly,

    /// <summary>Only the Salesforce record is known so far.</summary>
    SalesforceOnly,

    /// <summary>An operator excluded the record from sync ("do not sync").</summary>
    Excluded,

    /// <summary>One side was deleted or merged away, or its id changed: sync is suspended until the link is repaired.</summary>
    Broken,

    /// <summary>Both sides are deleted (or the delete was propagated).</summary>
    Deleted,

    /// <summary>
    /// The pairing key the app record holds no longer names its Salesforce record (changed or removed on either side):
    /// sync waits, and resumes by itself when the key is restored.
    /// </summary>
    Held,
}
