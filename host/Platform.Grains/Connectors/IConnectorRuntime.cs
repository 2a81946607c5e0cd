using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Connectors;

/// <summary>The loaded connectors, as the engine needs them; the host implements it over its plugin catalog.</summary>
public interface IConnectorRuntime
{
    /// <summary>The connector's definition, or null when no loaded connector has that id.</summary>
    ConnectorDefinition? Find(string connectorId);

    /// <summary>The app client and rules for an integration, created once per configuration version.</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    (IAppClient Client, ConnectorRules Rules) Get(IntegrationConfig config, long version);

    /// <summary>The connector's rules for a configuration that is not saved yet (to validate it); creates no app client.</summary>
    /// <exception cref="InvalidOperationException">The connector is not loaded.</exception>
    ConnectorRules CreateRules(IntegrationConfig config);

    /// <summary>Disposes the integration's client (configuration changed or integration deleted).</summary>
    ValueTask ForgetAsync(string integrationId);
}
