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

    /// <summary>Disposes the integration's client (configuration changed or integration deleted).</summary>
    ValueTask ForgetAsync(string integrationId);
}
