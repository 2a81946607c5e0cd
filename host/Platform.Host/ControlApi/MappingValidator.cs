using Platform.PluginContract;
using Platform.Salesforce;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>
/// Checks mappings against the live describe and the connector's rules before they are saved, so that a typo or an
/// incompatible field fails at once with a message naming the mapping and field, not later in every sync cycle.
/// </summary>
internal static class MappingValidator
{
    public static async Task ValidateAsync(IReadOnlyList<ObjectMappingConfig> mappings, ConnectorDefinition definition, ConnectorRules rules, SalesforceClient salesforce, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var mapping = mappings[i];
            var at = $"mappings[{i}]";
            if (!names.Add(mapping.Name))
            {
                throw RequestValidation.Invalid($"{at}.name", $"'{mapping.Name}' is used by another mapping.");
            }

            var entity = definition.Entities.FirstOrDefault(e => e.Name == mapping.Entity)
                ?? throw RequestValidation.Invalid($"{at}.entity", $"the connector has no entity '{mapping.Entity}' (it has {string.Join(", ", definition.Entities.Select(e => e.Name))}).");
            if (!SoqlName(mapping.SalesforceObject))
            {
                throw RequestValidation.Invalid($"{at}.salesforce_object", $"'{mapping.SalesforceObject}' is not a Salesforce API name.");
            }

            SObjectDescribe describe;
            try
            {
                describe = await salesforce.DescribeAsync(mapping.SalesforceObject, cancellationToken);
            }
            catch (SalesforceException e) when (e.Kind == SalesforceErrorKind.Permanent)
            {
                throw RequestValidation.Invalid($"{at}.salesforce_object", $"mapping '{mapping.Name}': Salesforce has no object '{mapping.SalesforceObject}' the connected user can see ({e.Message}).");
            }

            CheckLockedDirections(mapping, at, definition);
            for (var j = 0; j < mapping.Fields.Count; j++)
            {
                var field = await DescribeFieldAsync(salesforce, mapping.SalesforceObject, mapping.Fields[j].SalesforceField, cancellationToken);
                CheckField(mapping, $"{at}.fields[{j}]", mapping.Fields[j], entity, describe.Name, field, rules);
                CheckReference(mappings, mapping, $"{at}.fields[{j}].reference_mapping", mapping.Fields[j], field!);
            }

            foreach (var (filter, k) in mapping.Filters.Select((f, k) => (f, k)))
            {
                var known = filter.Side == Side.App ? entity.FindField(filter.Field) is not null : describe.Field(filter.Field) is not null;
                if (!known)
                {
                    throw RequestValidation.Invalid($"{at}.filters[{k}].field", $"mapping '{mapping.Name}': {(filter.Side == Side.App ? $"entity '{entity.Name}'" : mapping.SalesforceObject)} has no field '{filter.Field}'.");
                }
            }

            if (mapping.Match.ExternalIdField is { } externalId && describe.Field(externalId) is not { ExternalId: true } && describe.Field(externalId) is not { IdLookup: true, Type: not "id" })
            {
                throw RequestValidation.Invalid($"{at}.match.external_id_field", $"mapping '{mapping.Name}': '{externalId}' is not an external-id field of {mapping.SalesforceObject}.");
            }

            if (mapping.Match.SalesforceIdAppField is { } idField && entity.FindField(idField) is null)
            {
                throw RequestValidation.Invalid($"{at}.match.salesforce_id_app_field", $"mapping '{mapping.Name}': entity '{entity.Name}' has no field '{idField}'.");
            }

            if (mapping.Match.SalesforceKeyField is { } keyField)
            {
                if (mapping.Match.SalesforceIdAppField is null)
                {
                    throw RequestValidation.Invalid($"{at}.match.salesforce_key_field", $"mapping '{mapping.Name}': a Salesforce key field needs salesforce_id_app_field, the app field that holds it.");
                }

                if (describe.Field(keyField) is null)
                {
                    throw RequestValidation.Invalid($"{at}.match.salesforce_key_field", $"mapping '{mapping.Name}': {mapping.SalesforceObject} has no field '{keyField}'.");
                }
            }

            foreach (var (key, k) in mapping.Match.KeyFields.Select((f, k) => (f, k)))
            {
                if (entity.FindField(key.AppField) is null || describe.Field(key.SalesforceField) is null)
                {
                    throw RequestValidation.Invalid($"{at}.match.key_fields[{k}]", $"mapping '{mapping.Name}': '{key.AppField}' / '{key.SalesforceField}' is not a field pair of {entity.Name} / {mapping.SalesforceObject}.");
                }
            }

            if (mapping.DeletePolicy == DeletePolicy.Mark && (mapping.DeleteMarkAppField is null && mapping.DeleteMarkSalesforceField is null))
            {
                throw RequestValidation.Invalid($"{at}.delete_mark_app_field", $"mapping '{mapping.Name}': the mark delete policy needs a field to mark.");
            }
        }
    }

    /// <summary>A connector fixes some directions (e.g. ClientSuccess's standard fields): a mapping may leave such a field out, never turn it around.</summary>
    private static void CheckLockedDirections(ObjectMappingConfig mapping, string at, ConnectorDefinition definition)
    {
        foreach (var fixedMapping in definition.DefaultMappings.Where(d => d.Entity == mapping.Entity && string.Equals(d.SalesforceObject, mapping.SalesforceObject, StringComparison.OrdinalIgnoreCase)))
        {
            if (fixedMapping.DirectionLocked && mapping.Direction != IntegrationMapper.FromSdk(fixedMapping.Direction))
            {
                throw RequestValidation.Invalid($"{at}.direction", $"mapping '{mapping.Name}': the connector fixes the direction of {mapping.Entity} ↔ {mapping.SalesforceObject} to {fixedMapping.Direction}.");
            }

            foreach (var locked in fixedMapping.Fields.Where(f => f.DirectionLocked))
            {
                for (var j = 0; j < mapping.Fields.Count; j++)
                {
                    var field = mapping.Fields[j];
                    var same = string.Equals(field.AppField, locked.EntityField, StringComparison.OrdinalIgnoreCase) || string.Equals(field.SalesforceField, locked.SalesforceField, StringComparison.OrdinalIgnoreCase);
                    if (same && (field.Direction != IntegrationMapper.FromSdk(locked.Direction) || !string.Equals(field.AppField, locked.EntityField, StringComparison.OrdinalIgnoreCase) || !string.Equals(field.SalesforceField, locked.SalesforceField, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw RequestValidation.Invalid($"{at}.fields[{j}].direction", $"mapping '{mapping.Name}': {locked.EntityField} ↔ {locked.SalesforceField} is a standard field whose direction the connector fixes ({locked.Direction}); it cannot be changed or remapped.");
                    }
                }
            }
        }
    }

    private static async Task<FieldDescribe?> DescribeFieldAsync(SalesforceClient salesforce, string objectName, string fieldPath, CancellationToken cancellationToken)
    {
        try
        {
            return await salesforce.DescribeFieldAsync(objectName, fieldPath, cancellationToken);
        }
        catch (SalesforceException e) when (e.Kind == SalesforceErrorKind.Permanent)
        {
            return null;
        }
    }

    private static void CheckField(ObjectMappingConfig mapping, string at, FieldMappingConfig field, EntitySchema entity, string objectName, FieldDescribe? salesforce, ConnectorRules rules)
    {
        var app = ExtensionFields.Resolve(entity, field.AppField, salesforce?.Type)
            ?? throw RequestValidation.Invalid($"{at}.app_field", $"mapping '{mapping.Name}': entity '{entity.Name}' has no field '{field.AppField}'.");
        if (salesforce is null)
        {
            throw RequestValidation.Invalid($"{at}.salesforce_field", $"mapping '{mapping.Name}', app field '{app.Name}': {objectName} has no field '{field.SalesforceField}'.");
        }

        var eligibility = rules.CheckFieldEligibility(entity.Name, ToSdk(salesforce));
        if (!eligibility.IsEligible)
        {
            throw RequestValidation.Invalid($"{at}.salesforce_field", $"mapping '{mapping.Name}': {objectName}.{salesforce.Name} cannot be mapped: {eligibility.Reason}");
        }

        if (!FieldCompatibility.IsCompatible(app.Type, salesforce.Type))
        {
            throw RequestValidation.Invalid($"{at}.salesforce_field", $"mapping '{mapping.Name}': app field '{app.Name}' ({app.Type}) cannot hold {objectName}.{salesforce.Name} ({salesforce.Type}).");
        }

        if (field.Display is { Editable: false } && FieldRule.Intersect(mapping.Direction, field.Direction) == Direction.ToSalesforce)
        {
            throw RequestValidation.Invalid($"{at}.display.editable", $"mapping '{mapping.Name}': app field '{app.Name}' is read-only in the app, so its values come from Salesforce; its direction cannot be to Salesforce only.");
        }

        var direction = FieldRule.Intersect(mapping.Direction, field.Direction);
        if (direction is Direction.ToSalesforce or Direction.Both && !salesforce.Updateable && !salesforce.Createable)
        {
            throw RequestValidation.Invalid($"{at}.direction", $"mapping '{mapping.Name}': {objectName}.{salesforce.Name} is read-only in Salesforce; map it to the app only.");
        }

        if (direction is Direction.ToApp or Direction.Both && app.ReadOnly)
        {
            throw RequestValidation.Invalid($"{at}.direction", $"mapping '{mapping.Name}': app field '{app.Name}' is read-only; map it to Salesforce only.");
        }

        CheckValueMap(mapping, at, field, app, objectName, salesforce, direction);
    }

    /// <summary>
    /// A value map translates an app field's values into a Salesforce picklist's: each app value must be one the app
    /// field takes, each Salesforce value one the picklist holds, and when the app field has a fixed set of values and
    /// flows to Salesforce, every one of them must be mapped (an unmapped one would reach Salesforce untranslated); when it
    /// flows to the app, every active value of the picklist must be one that an app value maps to (another could not be
    /// held by the app).
    /// </summary>
    private static void CheckValueMap(ObjectMappingConfig mapping, string at, FieldMappingConfig field, FieldSchema app, string objectName, FieldDescribe salesforce, Direction direction)
    {
        if (field.ValueMap.Count == 0)
        {
            return;
        }

        foreach (var (appValue, salesforceValue) in field.ValueMap)
        {
            if (app.AllowedValues.Count > 0 && !app.AllowedValues.Contains(appValue, StringComparer.Ordinal))
            {
                throw RequestValidation.Invalid($"{at}.value_map[{appValue}]", $"mapping '{mapping.Name}': '{appValue}' is not a value of app field '{app.Name}' ({string.Join(", ", app.AllowedValues)}).");
            }

            var picklist = salesforce.PicklistValues.Where(p => p.Active).Select(p => p.Value).ToList();
            if (salesforce.Type is "picklist" or "multipicklist" && !picklist.Contains(salesforceValue, StringComparer.Ordinal))
            {
                throw RequestValidation.Invalid($"{at}.value_map[{appValue}]", $"mapping '{mapping.Name}': '{salesforceValue}' is not an active value of {objectName}.{salesforce.Name} ({string.Join(", ", picklist)}).");
            }
        }

        if (direction is Direction.ToSalesforce or Direction.Both && app.AllowedValues.FirstOrDefault(v => !field.ValueMap.ContainsKey(v)) is { } unmapped)
        {
            throw RequestValidation.Invalid($"{at}.value_map", $"mapping '{mapping.Name}': app value '{unmapped}' of '{app.Name}' is not mapped to a value of {objectName}.{salesforce.Name}.");
        }

        var mappedTo = field.ValueMap.Values.ToHashSet(StringComparer.Ordinal);
        if (direction is Direction.ToApp or Direction.Both && app.AllowedValues.Count > 0 && salesforce.Type == "picklist"
            && salesforce.PicklistValues.FirstOrDefault(p => p.Active && !mappedTo.Contains(p.Value)) is { } extra)
        {
            throw RequestValidation.Invalid($"{at}.value_map", $"mapping '{mapping.Name}': {objectName}.{salesforce.Name} holds '{extra.Value}', which no value of app field '{app.Name}' maps to; '{app.Name}' takes only {string.Join(", ", app.AllowedValues)}, so the picklist may hold only the values they map to.");
        }
    }

    /// <summary>A field's describe as the SDK shows it to connector rules.</summary>
    public static SalesforceField ToSdk(FieldDescribe salesforce) => new()
    {
        Name = salesforce.Name,
        Label = salesforce.Label,
        Type = salesforce.Type,
        ExtraTypeInfo = salesforce.ExtraTypeInfo,
        Createable = salesforce.Createable,
        Updateable = salesforce.Updateable,
        Calculated = salesforce.Calculated,
        Encrypted = salesforce.Encrypted,
        ExternalId = salesforce.ExternalId,
        PicklistValues = [.. salesforce.PicklistValues.Select(p => p.Value)],
        RestrictedPicklist = salesforce.RestrictedPicklist,
    };

    /// <summary>A reference field pair must be a Salesforce lookup to the object of another mapping of the integration.</summary>
    private static void CheckReference(IReadOnlyList<ObjectMappingConfig> mappings, ObjectMappingConfig mapping, string at, FieldMappingConfig field, FieldDescribe salesforce)
    {
        if (field.ReferenceMapping is not { } name)
        {
            return;
        }

        var target = mappings.FirstOrDefault(m => m.Name == name && m != mapping)
            ?? throw RequestValidation.Invalid(at, $"mapping '{mapping.Name}': '{name}' is not another mapping of this integration.");
        if (salesforce.Type != "reference" || !salesforce.ReferenceTo.Contains(target.SalesforceObject, StringComparer.OrdinalIgnoreCase))
        {
            throw RequestValidation.Invalid(at, $"mapping '{mapping.Name}': {mapping.SalesforceObject}.{salesforce.Name} is not a lookup to {target.SalesforceObject}, the object of mapping '{name}'.");
        }
    }

    private static bool SoqlName(string name) =>
        !string.IsNullOrEmpty(name) && char.IsAsciiLetter(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
