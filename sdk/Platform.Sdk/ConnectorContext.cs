using Microsoft.Extensions.Logging;

namespace Platform.Sdk;

/// <summary>What the host hands a connector for one integration.</summary>
public sealed record ConnectorContext
{
    /// <summary>The integration's id, unique in the deployment.</summary>
    public required string IntegrationId { get; init; }

    /// <summary>
    /// The integration's settings by <see cref="SettingDefinition.Key"/>, with defaults applied and secrets decrypted.
    /// Keep secret values out of logs and exception messages.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>Creates loggers; their output joins the host's structured logs.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>An HTTP client for the app's API. The host owns its handler, timeouts and telemetry; do not dispose it.</summary>
    public required HttpClient HttpClient { get; init; }

    /// <summary>The clock to use instead of <see cref="DateTimeOffset.UtcNow"/>, so tests can control time. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// For a connector that <see cref="ConnectorDefinition.UsesAppGateway"/>: the app as the gateway sees it. Its change
    /// feed is what the app pushed, reading a record answers from the records pushed, and a write is queued for the app
    /// and answered once the app acknowledges it (a write the app has not acknowledged in time fails as transient and
    /// stays queued, so the host's retry finds the app's answer). Wrap it to add the connector's own rules. Default:
    /// <see langword="null"/> (the connector does not use the gateway).
    /// </summary>
    public IAppClient? AppGateway { get; init; }

    /// <summary>
    /// The integration's mappings as saved (or, while settings are validated, as they would be saved), for rules that
    /// depend on how the connector is mapped (which Salesforce field holds a status, and how its values translate).
    /// Default: empty.
    /// </summary>
    public IReadOnlyList<ObjectMapping> Mappings { get; init; } = [];

    /// <summary>Reads a setting.</summary>
    /// <param name="key">The setting's key.</param>
    /// <returns>The value, or <see langword="null"/> when it is not set.</returns>
    public string? GetSetting(string key) => Settings.TryGetValue(key, out var value) ? value : null;
}
