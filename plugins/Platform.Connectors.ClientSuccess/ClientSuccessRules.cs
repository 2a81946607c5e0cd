using Platform.Sdk;

namespace Platform.Connectors.ClientSuccess;

/// <summary>
/// What ClientSuccess's Salesforce integration allows: which Account fields a client may sync (not multi-select
/// picklists, addresses, phones, complex or geolocation fields, lookups, external lookups, rich text or encrypted text),
/// and that clients come from Salesforce: a client created in ClientSuccess never creates an Account.
/// </summary>
internal sealed class ClientSuccessRules : ConnectorRules
{
    public override FieldEligibility CheckFieldEligibility(string entity, SalesforceField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (entity != ClientSuccessSchema.Client.Name)
        {
            return base.CheckFieldEligibility(entity, field);
        }

        var excluded = (field.Type, field.ExtraTypeInfo) switch
        {
            ("multipicklist", _) => "a multi-select picklist",
            ("address", _) => "an address",
            ("phone", _) => "a phone field",
            ("location", _) => "a geolocation",
            ("anyType" or "complexvalue" or "base64", _) => "a complex object",
            ("reference", "externallookup") => "an external lookup relationship",
            ("reference", _) => "a lookup relationship",
            ("textarea", "richtextarea") => "a rich text area",
            ("encryptedstring", _) => "encrypted text",
            _ when field.Encrypted => "encrypted text",
            _ => null,
        };
        return excluded is null
            ? FieldEligibility.Eligible
            : FieldEligibility.Ineligible($"{field.Name} is {excluded} ({field.Type}{(field.ExtraTypeInfo is { } extra ? $", {extra}" : "")}), which ClientSuccess does not sync.");
    }

    public override WriteDecision DecideCreate(string entity, SyncSource source, IReadOnlyDictionary<string, object?> values) =>
        entity == ClientSuccessSchema.Client.Name && source == SyncSource.App
            ? WriteDecision.Skip("ClientSuccess does not create Salesforce Accounts: clients are imported from Salesforce and paired by the Salesforce Account ID.")
            : WriteDecision.Proceed;
}
