using Platform.Salesforce;
using Platform.Salesforce.Related;
using Platform.Sdk;
using Platform.Sync;
using V1 = Platform.Control.V1;

namespace Platform.Host.ControlApi;

/// <summary>
/// Checks an integration's receiver before it is saved: its shape against the connector's receiver (fields, actions),
/// then every trigger field and source field against the live describe and the connector's rules, so a typo, a
/// relational field (always null) or a Shield-encrypted field (unreadable) is refused by name at once.
/// </summary>
internal static class ReceiverValidator
{
    public static ReceiverConfig Parse(V1.Receiver receiver, ConnectorDefinition definition, string connectorId)
    {
        var declared = definition.Receiver
            ?? throw RequestValidation.Invalid("receiver", $"connector '{connectorId}' receives nothing from Salesforce.");
        if (receiver.Triggers.Count == 0)
        {
            throw RequestValidation.Invalid("receiver.triggers", "at least one trigger is required.");
        }

        for (var i = 0; i < receiver.Triggers.Count; i++)
        {
            var trigger = receiver.Triggers[i];
            var at = $"receiver.triggers[{i}]";
            TriggerObject($"{at}.object", trigger.Object);
            RequestValidation.Required($"{at}.field", trigger.Field);
            RequestValidation.Required($"{at}.value", trigger.Value);
            if (!declared.Actions.Contains(trigger.Action, StringComparer.Ordinal))
            {
                throw RequestValidation.Invalid($"{at}.action", $"'{trigger.Action}' is not an action of connector '{connectorId}' (it has {string.Join(", ", declared.Actions)}).");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < receiver.Fields.Count; i++)
        {
            var field = receiver.Fields[i];
            var at = $"receiver.fields[{i}]";
            if (declared.Fields.All(f => f.Name != field.Name))
            {
                throw RequestValidation.Invalid($"{at}.name", $"'{field.Name}' is not a receiver field of connector '{connectorId}' (it has {string.Join(", ", declared.Fields.Select(f => f.Name))}).");
            }

            if (!names.Add(field.Name))
            {
                throw RequestValidation.Invalid($"{at}.name", $"'{field.Name}' is mapped twice.");
            }

            var dot = field.Source.IndexOf('.', StringComparison.Ordinal);
            if (dot <= 0 || dot == field.Source.Length - 1)
            {
                throw RequestValidation.Invalid($"{at}.source", $"'{field.Source}' must be Object.Field, e.g. Opportunity.Amount.");
            }

            TriggerObject($"{at}.source", field.Source[..dot]);
            if (field.Source[(dot + 1)..].Contains('.', StringComparison.Ordinal))
            {
                var path = field.Source[(dot + 1)..].Split('.');
                throw RequestValidation.Invalid($"{at}.source", $"'{field.Source}' is a relational field, which Salesforce sends as null; ask for the related object's direct field instead ({path[^2]}.{path[^1]}).");
            }
        }

        return IntegrationMapper.FromMessage(receiver);
    }

    public static async Task CheckAsync(ReceiverConfig receiver, ConnectorDefinition definition, ConnectorRules rules, SalesforceClient salesforce, CancellationToken cancellationToken)
    {
        var entity = definition.Receiver!.Entity;
        for (var i = 0; i < receiver.Triggers.Count; i++)
        {
            var trigger = receiver.Triggers[i];
            await CheckFieldAsync($"receiver.triggers[{i}].field", trigger.Object, trigger.Field);
        }

        for (var i = 0; i < receiver.Fields.Count; i++)
        {
            var field = receiver.Fields[i];
            await CheckFieldAsync($"receiver.fields[{i}].source", field.Object, field.SalesforceField);
        }

        async Task CheckFieldAsync(string at, string objectName, string fieldName)
        {
            FieldDescribe? describe;
            try
            {
                describe = (await salesforce.DescribeAsync(objectName, cancellationToken)).Field(fieldName);
            }
            catch (SalesforceException e) when (e.Kind == SalesforceErrorKind.Permanent)
            {
                throw RequestValidation.Invalid(at, $"Salesforce has no object '{objectName}' the connected user can see ({e.Message}).");
            }

            if (describe is null)
            {
                throw RequestValidation.Invalid(at, $"{objectName} has no field '{fieldName}'.");
            }

            var eligibility = rules.CheckFieldEligibility(entity, MappingValidator.ToSdk(describe));
            if (!eligibility.IsEligible)
            {
                throw RequestValidation.Invalid(at, $"{objectName}.{describe.Name} cannot be used: {eligibility.Reason}");
            }
        }
    }

    private static void TriggerObject(string field, string objectName)
    {
        if (!Relationship.Objects.Contains(objectName, StringComparer.Ordinal))
        {
            throw RequestValidation.Invalid(field, $"'{objectName}' is not one of {string.Join(", ", Relationship.Objects)}.");
        }
    }
}
