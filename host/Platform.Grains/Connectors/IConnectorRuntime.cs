using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Connectors;

/// <summary>The loaded connectors, as the engine needs them; the host implements it over its plugin catalog.</summary>
public interface IConnectorRuntime
{
    /// <summary>The connector's definition, or null when no loaded connector has that id.</summary>
    ConnectorDefinition? Find(string connectorId);

    /// <summary>The app client, rules and receiver for an integration, created once per configuration version.</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    ConnectorServices Get(IntegrationConfig config, long version);

    /// <summary>The connector's rules for a configuration that is not saved yet (to validate it); creates no app client.</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    ConnectorRules CreateRules(IntegrationConfig config);

    /// <summary>The connector's cross-setting checks of a configuration that is not saved yet.</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    IReadOnlyList<SettingProblem> ValidateSettings(IntegrationConfig config);

    /// <summary>The connector's default mappings for a configuration that is not saved yet (its settings decide them).</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    IReadOnlyList<ObjectMapping> CreateDefaultMappings(IntegrationConfig config);

    /// <summary>Disposes the integration's client (configuration changed or integration deleted).</summary>
    ValueTask ForgetAsync(string integrationId);
}

/// <summary>What a connector's plugin created for one integration.</summary>
/// <param name="Client">Talks to the app.</param>
/// <param name="Rules">The connector's rule hooks.</param>
/// <param name="Receiver">Acts on entries received from Salesforce; null when the connector has no receiver.</param>
public sealed record ConnectorServices(IAppClient Client, ConnectorRules Rules, ISalesforceReceiver? Receiver);
