namespace Platform.Sdk;

/// <summary>
/// The entry point of a connector plugin. The plugin's assembly contains exactly one public, non-abstract
/// implementation with a public parameterless constructor.
/// </summary>
/// <remarks>
/// The host creates one instance per process when it starts, before it serves requests, and never unloads it.
/// The constructor and <see cref="Describe"/> must not perform I/O: an exception from either marks the plugin as
/// failed and the host carries on without it. Implementations must be safe to call from several threads.
/// </remarks>
public interface IConnectorPlugin
{
    /// <summary>Describes the app entities, default mappings and settings of this connector.</summary>
    /// <returns>The definition; the host reads it once, at load.</returns>
    ConnectorDefinition Describe();

    /// <summary>Creates the client that talks to the app on behalf of one integration.</summary>
    /// <param name="context">The integration's settings, secrets, logger and HTTP client.</param>
    /// <returns>
    /// A client the host uses for as long as the integration's configuration is unchanged. When it implements
    /// <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/> the host disposes it afterwards.
    /// </returns>
    IAppClient CreateClient(ConnectorContext context);

    /// <summary>Creates the rule hooks for one integration.</summary>
    /// <param name="context">The integration's settings.</param>
    /// <returns>The rules; the default implementation returns <see cref="ConnectorRules.Default"/>.</returns>
    ConnectorRules CreateRules(ConnectorContext context) => ConnectorRules.Default;

    /// <summary>Creates the receiver of Salesforce events for one integration, when the connector declares a <see cref="ConnectorDefinition.Receiver"/>.</summary>
    /// <param name="context">The integration's settings, secrets, logger and HTTP client.</param>
    /// <returns>The receiver; the default implementation returns <see langword="null"/> (no receiver).</returns>
    ISalesforceReceiver? CreateReceiver(ConnectorContext context) => null;

    /// <summary>
    /// The mappings an integration gets when it is saved without any, for connectors whose defaults depend on settings
    /// (which Salesforce field holds a sync flag or a status). Must not perform I/O.
    /// </summary>
    /// <param name="context">The settings as they would be saved, with defaults applied; <see cref="ConnectorContext.Mappings"/> is empty.</param>
    /// <returns>The mappings. The default implementation returns <see cref="ConnectorDefinition.DefaultMappings"/>.</returns>
    IReadOnlyList<ObjectMapping> CreateDefaultMappings(ConnectorContext context) => Describe().DefaultMappings;

    /// <summary>
    /// Checks settings that depend on each other (one value must be among another's, an option needs another on), before
    /// an integration is saved. The host has already checked each value against its <see cref="SettingDefinition.Type"/>
    /// and <see cref="SettingDefinition.Required"/>. Must not perform I/O.
    /// </summary>
    /// <param name="context">The settings as they would be saved, with defaults applied and secrets decrypted.</param>
    /// <returns>What is wrong; empty when the settings may be saved. The default implementation returns none.</returns>
    IReadOnlyList<SettingProblem> ValidateSettings(ConnectorContext context) => [];
}
