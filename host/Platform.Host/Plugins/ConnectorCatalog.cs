using Platform.Sdk;

namespace Platform.Host.Plugins;

/// <summary>Every connector plugin the host found at start-up, loaded or failed. Fixed for the life of the process.</summary>
public sealed class ConnectorCatalog(IReadOnlyList<ConnectorEntry> connectors, string directory)
{
    /// <summary>All connectors, in the order their folders sort.</summary>
    public IReadOnlyList<ConnectorEntry> Connectors { get; } = connectors;

    /// <summary>The plugins directories they were loaded from (comma-separated).</summary>
    public string Directory { get; } = directory;

    /// <summary>Finds a connector by id, preferring the loaded one when a duplicate failed.</summary>
    /// <param name="id">The connector id.</param>
    /// <returns>The connector, or <see langword="null"/>.</returns>
    public ConnectorEntry? Find(string id) =>
        Connectors.FirstOrDefault(c => c.Id == id && c.Status == ConnectorLoadStatus.Loaded)
        ?? Connectors.FirstOrDefault(c => c.Id == id);
}

/// <summary>One plugin folder and what became of it.</summary>
public sealed record ConnectorEntry
{
    /// <summary>The manifest's id, or the folder name when the manifest could not be read.</summary>
    public required string Id { get; init; }

    /// <summary>The plugin's folder.</summary>
    public required string Location { get; init; }

    /// <summary>Whether it loaded.</summary>
    public required ConnectorLoadStatus Status { get; init; }

    /// <summary>The manifest, when it could be read.</summary>
    public PluginManifest? Manifest { get; init; }

    /// <summary>Why it failed; <see langword="null"/> when loaded.</summary>
    public string? FailureReason { get; init; }

    /// <summary>The plugin instance, when loaded.</summary>
    public IConnectorPlugin? Plugin { get; init; }

    /// <summary>What the plugin describes, when loaded.</summary>
    public ConnectorDefinition? Definition { get; init; }
}

/// <summary>Whether a plugin loaded.</summary>
public enum ConnectorLoadStatus
{
    /// <summary>Loaded and usable.</summary>
    Loaded,

    /// <summary>Failed to load; see <see cref="ConnectorEntry.FailureReason"/>.</summary>
    Failed,
}
