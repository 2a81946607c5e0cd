namespace Platform.Sdk;

/// <summary>
/// Declares that a connector receives Salesforce events: when a Lead, Contact, Account or Opportunity reaches a value
/// an operator chose (e.g. Opportunity <c>StageName</c> = <c>Closed Won</c>), the host gathers the Salesforce fields the
/// operator mapped to <see cref="Fields"/>, saves the entry, and hands it to the connector's
/// <see cref="ISalesforceReceiver"/>. The plugin creates that receiver in <see cref="IConnectorPlugin.CreateReceiver"/>.
/// </summary>
public sealed record ReceiverDefinition
{
    /// <summary>
    /// The app entity the receiver updates (e.g. <c>referral</c>). Salesforce fields mapped to <see cref="Fields"/> are
    /// checked with <see cref="ConnectorRules.CheckFieldEligibility"/> for this entity.
    /// </summary>
    public required string Entity { get; init; }

    /// <summary>
    /// What an event can ask the app to do (e.g. the statuses <c>pending</c>, <c>approved</c>); each trigger an operator
    /// configures names one. Required; at least one.
    /// </summary>
    public required IReadOnlyList<string> Actions { get; init; }

    /// <summary>
    /// The values a receiver takes from Salesforce (match keys such as a referral id, and fields it updates); an
    /// operator maps each to an <c>Object.Field</c> of Lead, Contact, Account or Opportunity. Default: none.
    /// </summary>
    public IReadOnlyList<FieldSchema> Fields { get; init; } = [];
}
