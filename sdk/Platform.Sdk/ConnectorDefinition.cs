namespace Platform.Sdk;

/// <summary>What a connector syncs: its app entities, their default mappings to Salesforce, and its settings.</summary>
public sealed record ConnectorDefinition
{
    /// <summary>The app's entities (e.g. clients, contacts), each with its fields.</summary>
    public required IReadOnlyList<EntitySchema> Entities { get; init; }

    /// <summary>Mappings proposed when an operator binds the connector to a Salesforce instance. Default: none.</summary>
    public IReadOnlyList<ObjectMapping> DefaultMappings { get; init; } = [];

    /// <summary>Settings an integration of this connector takes (API keys, base URLs, options). Default: none.</summary>
    public IReadOnlyList<SettingDefinition> Settings { get; init; } = [];
}
