using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Grains.Connectors;
using Platform.Host.Gateway;
using Platform.Host.Plugins;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Host.Sync;

/// <summary>Creates connector clients and rules from the loaded plugins, one set per integration configuration version.</summary>
internal sealed class PluginConnectorRuntime(
    ConnectorCatalog catalog,
    SecretSettings secrets,
    ILoggerFactory loggers,
    IHttpClientFactory http,
    IGatewayStore gateway,
    GatewayHub hub,
    IOptions<GatewayOptions> gatewayOptions,
    TimeProvider time) : IConnectorRuntime
{
    private readonly ConcurrentDictionary<string, (long Version, Lazy<ConnectorServices> Created)> _clients = new(StringComparer.Ordinal);

    public ConnectorDefinition? Find(string connectorId) =>
        catalog.Find(connectorId) is { Status: ConnectorLoadStatus.Loaded } entry ? entry.Definition : null;

    public ConnectorServices Get(IntegrationConfig config, long version)
    {
        ArgumentNullException.ThrowIfNull(config);
        var entry = _clients.AddOrUpdate(
            config.Id,
            _ => (version, new Lazy<ConnectorServices>(() => Create(config))),
            (_, existing) => existing.Version == version ? existing : (version, new Lazy<ConnectorServices>(() => Create(config))));
        return entry.Created.Value;
    }

    public async ValueTask ForgetAsync(string integrationId)
    {
        if (_clients.TryRemove(integrationId, out var entry) && entry.Created.IsValueCreated)
        {
            switch (entry.Created.Value.Client)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    public ConnectorRules CreateRules(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (plugin, context) = Context(config);
        return plugin.CreateRules(context);
    }

    public IReadOnlyList<ObjectMapping> CreateDefaultMappings(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (plugin, context) = Context(config);
        return plugin.CreateDefaultMappings(context);
    }

    public IReadOnlyList<SettingProblem> ValidateSettings(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (plugin, context) = Context(config);
        return plugin.ValidateSettings(context);
    }

    private ConnectorServices Create(IntegrationConfig config)
    {
        var (plugin, context) = Context(config);
        return new(plugin.CreateClient(context), plugin.CreateRules(context), plugin.CreateReceiver(context));
    }

    private (IConnectorPlugin Plugin, ConnectorContext Context) Context(IntegrationConfig config)
    {
        var entry = catalog.Find(config.ConnectorId);
        if (entry is not { Status: ConnectorLoadStatus.Loaded, Plugin: { } plugin, Definition: { } definition })
        {
            throw new InvalidOperationException($"Connector '{config.ConnectorId}' is not loaded{(entry?.FailureReason is { } why ? $": {why}" : ".")}");
        }

        var settings = definition.Settings.Where(s => s.DefaultValue is not null).ToDictionary(s => s.Key, s => s.DefaultValue!, StringComparer.Ordinal);
        foreach (var (key, value) in secrets.Unprotect(config.Settings))
        {
            settings[key] = value;
        }

        return (plugin, new ConnectorContext
        {
            IntegrationId = config.Id,
            Settings = settings,
            LoggerFactory = loggers,
            HttpClient = http.CreateClient($"connector:{config.ConnectorId}"),
            TimeProvider = time,
            Mappings = SdkMappings.Of(config),
            AppGateway = definition.UsesAppGateway ? new GatewayAppClient(config.Id, definition, gateway, hub, gatewayOptions.Value, time) : null,
        });
    }
}
