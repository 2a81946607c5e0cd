using Platform.Sdk;

namespace Platform.PluginContract;

/// <summary>
/// Checks that what a plugin describes is self-consistent, so mistakes surface at load and not mid-sync. Compiled into
/// the host and the conformance kit, like <see cref="ManifestChecks"/>.
/// </summary>
internal static class DefinitionChecks
{
    /// <summary>What is wrong with <paramref name="definition"/> ("its definition is invalid: …"), or null.</summary>
    public static string? Problem(ConnectorDefinition definition)
    {
        try
        {
            Check(definition);
            return null;
        }
        catch (InvalidDefinitionException e)
        {
            return e.Message;
        }
    }

    private static void Check(ConnectorDefinition definition)
    {
        if (definition.Entities is not { Count: > 0 })
        {
            throw Invalid("it defines no entities");
        }

        var entities = new Dictionary<string, EntitySchema>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in definition.Entities)
        {
            if (string.IsNullOrWhiteSpace(entity.Name) || !entities.TryAdd(entity.Name, entity))
            {
                throw Invalid($"entity name '{entity.Name}' is empty or used twice");
            }

            CheckUnique(entity.Fields.Select(f => f.Name), $"field of entity '{entity.Name}'");
            if (entity.FindField(entity.KeyField) is null)
            {
                throw Invalid($"entity '{entity.Name}' has key field '{entity.KeyField}', which is not one of its fields");
            }
        }

        foreach (var mapping in definition.DefaultMappings)
        {
            if (!entities.TryGetValue(mapping.Entity, out var entity))
            {
                throw Invalid($"a default mapping names entity '{mapping.Entity}', which the connector does not define");
            }

            if (string.IsNullOrWhiteSpace(mapping.SalesforceObject))
            {
                throw Invalid($"the default mapping of '{mapping.Entity}' names no Salesforce object");
            }

            foreach (var field in mapping.Fields)
            {
                if (entity.FindField(field.EntityField) is null || string.IsNullOrWhiteSpace(field.SalesforceField))
                {
                    throw Invalid($"the default mapping {mapping.Entity}.{field.EntityField} → {mapping.SalesforceObject}.{field.SalesforceField} names an unknown or empty field");
                }
            }

            foreach (var name in mapping.MatchEntityFields.Where(name => mapping.Fields.All(f => f.EntityField != name)))
            {
                throw Invalid($"the default mapping of '{mapping.Entity}' matches on '{name}', which it does not map");
            }
        }

        if (definition.AccountSetting is { } account && definition.Settings.FirstOrDefault(s => s.Key == account) is not { Secret: false })
        {
            throw Invalid($"the account setting '{account}' is not one of its settings, or is secret");
        }

        if (definition.Receiver is { } receiver)
        {
            if (!entities.ContainsKey(receiver.Entity) || receiver.Actions is not { Count: > 0 })
            {
                throw Invalid($"its receiver names entity '{receiver.Entity}', which the connector does not define, or no actions");
            }

            CheckUnique(receiver.Actions, "receiver action");
            CheckUnique(receiver.Fields.Select(f => f.Name), "receiver field");
        }

        CheckUnique(definition.Settings.Select(s => s.Key), "setting key");
        foreach (var setting in definition.Settings)
        {
            if (setting.Type == SettingType.Choice && setting.Choices.Count == 0)
            {
                throw Invalid($"choice setting '{setting.Key}' has no choices");
            }

            if (setting.DefaultValue is { } value && SettingValues.Problem(setting, value) is { } problem)
            {
                throw Invalid($"the default of setting '{setting.Key}' is '{value}', but it {problem}");
            }
        }
    }

    private static void CheckUnique(IEnumerable<string> names, string what)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name) || !seen.Add(name))
            {
                throw Invalid($"{what} '{name}' is empty or used twice");
            }
        }
    }

    private static InvalidDefinitionException Invalid(string problem) => new($"its definition is invalid: {problem}.");

    private sealed class InvalidDefinitionException(string message) : Exception(message);
}
