using Platform.Grains.Events;
using Platform.Host.Health;
using Platform.Host.Silo;

namespace Platform.Host.Cluster;

internal static class ClusterExtensions
{
    /// <summary>
    /// In a cluster (<c>Platform:Silo:Clustering=Redis</c>): signals between silos over Redis pub/sub, so watchers and app
    /// gateway streams on one silo hear what happens on another, and Redis in readiness. Alone: nothing to add.
    /// </summary>
    public static WebApplicationBuilder AddPlatformCluster(this WebApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new SiloOptions();
        if (silo.ClusteringKind != SiloClustering.Redis)
        {
            return builder;
        }

        builder.Services.AddSingleton(new RedisConnection(silo.Redis!));
        builder.Services.AddSingleton(services => new RedisClusterSignals(
            services.GetRequiredService<RedisConnection>(), silo.ServiceId, services.GetRequiredService<ILogger<RedisClusterSignals>>()));
        builder.Services.AddSingleton<IClusterSignals>(services => services.GetRequiredService<RedisClusterSignals>());
        builder.Services.AddHostedService(services => services.GetRequiredService<RedisClusterSignals>());
        builder.Services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", tags: [HealthExtensions.Ready]);
        return builder;
    }
}
