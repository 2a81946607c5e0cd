using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.Grains.Events;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Registry;
using Platform.Grains.Telemetry;

namespace Platform.Grains;

/// <summary>Registers the sync engine's silo services.</summary>
public static class GrainsExtensions
{
    /// <summary>
    /// Adds the engine's shared services (Salesforce connections, compiled mappings, the event hub) and restarts every
    /// registered integration's schedule when the silo becomes active. The host supplies <see cref="ICredentialProtector"/>,
    /// <see cref="Connectors.IConnectorRuntime"/> and the pair store and sync log.
    /// </summary>
    public static IServiceCollection AddSyncEngine(this IServiceCollection services, Action<SyncEngineOptions>? configure = null)
    {
        services.AddOptions<SyncEngineOptions>().Configure(o => configure?.Invoke(o));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SalesforceConnections>();
        services.TryAddSingleton<MappingRulesProvider>();
        services.TryAddSingleton<IClusterSignals, SingleSiloSignals>();
        services.AddMetrics();
        services.TryAddSingleton<SyncMetrics>();
        services.TryAddSingleton<SyncEventHub>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, IntegrationStarter>();
        return services;
    }
}

/// <summary>Once the silo is active, wakes every registered integration so its schedule runs again after a restart.</summary>
internal sealed class IntegrationStarter(IGrainFactory grains) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe<IntegrationStarter>(ServiceLifecycleStage.Active, StartAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var id in await grains.GetGrain<IRegistryGrain>(0).ListAsync(RegistryKind.Integration))
        {
            await grains.GetGrain<Integrations.IIntegrationGrain>(id).StartAsync();
        }
    }
}
