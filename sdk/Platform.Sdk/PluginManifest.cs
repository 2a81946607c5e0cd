using System.Text.Json.Serialization;

namespace Platform.Sdk;

/// <summary>
/// The identity of a plugin, read from the <c>plugin.json</c> file next to its assembly before any of its code is loaded.
/// </summary>
/// <example>
/// <code language="json">
/// { "id": "clientsuccess", "displayName": "ClientSuccess", "version": "1.0.0",
///   "sdkVersion": "1.0", "assembly": "Platform.Connectors.ClientSuccess.dll" }
/// </code>
/// </example>
public sealed record PluginManifest
{
    /// <summary>The manifest's file name: <c>plugin.json</c>.</summary>
    public const string FileName = "plugin.json";

    /// <summary>
    /// Stable identifier: lower-case letters, digits and dashes, starting with a letter, at most 64 characters
    /// (e.g. <c>clientsuccess</c>). Integrations refer to a connector by this id, so it never changes.
    /// </summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Name shown to operators, e.g. <c>ClientSuccess</c>.</summary>
    [JsonPropertyName("displayName")]
    public required string DisplayName { get; init; }

    /// <summary>The plugin's own version (semantic versioning, e.g. <c>1.2.0</c>).</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The SDK version the plugin was built against, <c>major.minor</c> (see <see cref="Platform.Sdk.SdkVersion"/>).</summary>
    [JsonPropertyName("sdkVersion")]
    public required string SdkVersion { get; init; }

    /// <summary>File name of the assembly that contains the <see cref="IConnectorPlugin"/> implementation.</summary>
    [JsonPropertyName("assembly")]
    public required string Assembly { get; init; }

    /// <summary>One sentence on what the connector syncs. Optional; the default is empty.</summary>
    [JsonPropertyName("description")]
    public string Description { get; init; } = "";
}
