namespace Platform.Sdk;

/// <summary>
/// Acts on entries the host received from Salesforce for one integration (see <see cref="ReceiverDefinition"/>). The host
/// saves every entry before and after <see cref="ProcessAsync"/>, with its outcome, so nothing a trigger sent is lost:
/// an operator can correct a failed entry's values and retry it, or approve one under review.
/// </summary>
/// <remarks>
/// Implementations must be safe to call concurrently and idempotent: after a crash the same entry may be processed
/// again. Throw <see cref="ConnectorException"/> for faults of the app (unreachable, refused credentials); the host keeps
/// the entry and retries it on its next cycle when the fault is transient.
/// </remarks>
public interface ISalesforceReceiver
{
    /// <summary>Processes one entry.</summary>
    /// <param name="entry">What Salesforce sent, with the values of the mapped fields.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome, saved on the entry.</returns>
    Task<EntryResult> ProcessAsync(ReceivedEntry entry, CancellationToken cancellationToken);
}

/// <summary>One entry the host received from Salesforce.</summary>
public sealed record ReceivedEntry
{
    /// <summary>The entry's id in the host's entry log.</summary>
    public required long Id { get; init; }

    /// <summary>The action of the trigger that fired (one of <see cref="ReceiverDefinition.Actions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>The object of the record that fired it: Lead, Contact, Account or Opportunity.</summary>
    public required string TriggerObject { get; init; }

    /// <summary>The Salesforce id of the record that fired it.</summary>
    public required string TriggerId { get; init; }

    /// <summary>
    /// The values of <see cref="ReceiverDefinition.Fields"/>, keyed by field name, as text (numbers invariant, times ISO
    /// 8601). A field is null when its related record does not exist or is not the only one (see the entry's notes).
    /// </summary>
    public required IReadOnlyDictionary<string, string?> Values { get; init; }

    /// <summary>
    /// The people to match the entry to: the Lead or Contact that fired it or that it leads to, and, when the operator
    /// chose to include them, the Contacts of its Account. Default: none.
    /// </summary>
    public IReadOnlyList<SalesforcePerson> People { get; init; } = [];

    /// <summary>
    /// Whether an operator approved the entry after review: rules that would put it under review again must let it
    /// through. Default: <see langword="false"/>.
    /// </summary>
    public bool Approved { get; init; }
}

/// <summary>A Lead or Contact an entry can be matched to.</summary>
/// <param name="Object">Lead or Contact.</param>
/// <param name="Id">Its Salesforce id.</param>
/// <param name="FirstName">Its first name, if any.</param>
/// <param name="LastName">Its last name, if any.</param>
/// <param name="Email">Its e-mail, if any.</param>
public sealed record SalesforcePerson(string Object, string Id, string? FirstName, string? LastName, string? Email);

/// <summary>What became of an entry.</summary>
public enum EntryStatus
{
    /// <summary>Saved, not processed yet (or its processing was interrupted).</summary>
    Received,

    /// <summary>Done: the app was updated, or nothing needed doing.</summary>
    Processed,

    /// <summary>It could not be processed as it stands (e.g. a referral code that matches no member); an operator can correct and retry it.</summary>
    Failed,

    /// <summary>A rule asks an operator to look at it first; approving it processes it.</summary>
    Review,
}

/// <summary>The outcome of processing an entry.</summary>
/// <param name="Status">What became of it; never <see cref="EntryStatus.Received"/>.</param>
/// <param name="Message">What was done, or why not; shown to operators.</param>
/// <param name="AppRecordIds">The app records it updated or added. Default: none.</param>
public sealed record EntryResult(EntryStatus Status, string Message, IReadOnlyList<string>? AppRecordIds = null)
{
    /// <summary>The app was updated (or nothing needed doing).</summary>
    /// <param name="message">What was done.</param>
    /// <param name="appRecordIds">The app records updated or added.</param>
    /// <returns>The outcome.</returns>
    public static EntryResult Processed(string message, params IReadOnlyList<string> appRecordIds) => new(EntryStatus.Processed, message, appRecordIds);

    /// <summary>The entry cannot be processed as it stands.</summary>
    /// <param name="message">Why, in words an operator can act on.</param>
    /// <returns>The outcome.</returns>
    public static EntryResult Failed(string message) => new(EntryStatus.Failed, message);

    /// <summary>An operator must look at the entry first.</summary>
    /// <param name="message">What to look at.</param>
    /// <param name="appRecordIds">The app records it would update.</param>
    /// <returns>The outcome.</returns>
    public static EntryResult Review(string message, params IReadOnlyList<string> appRecordIds) => new(EntryStatus.Review, message, appRecordIds);
}
