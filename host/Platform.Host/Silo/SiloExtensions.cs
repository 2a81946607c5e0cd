using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Host.Configuration;
using Platform.Host.Storage;
using StackExchange.Redis;

namespace Platform.Host.Silo;

internal static class SiloExtensions
{
    /// <summary>
    /// Runs an Orleans silo in the host. Alone (the default): localhost clustering and in-memory reminders, which the
    /// integration starter re-arms at start. In a cluster: membership and reminders on Redis, so a lost silo's
    /// integrations are woken on the others. Grain state goes to the configured storage either way.
    /// </summary>
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.AddValidatedOptions<SiloOptions, SiloOptionsValidator>(SiloOptions.SectionName);
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var clustered = silo.ClusteringKind == SiloClustering.Redis;
        if (clustered && storage.ProviderKind != StorageProvider.Postgres)
        {
            throw new OptionsValidationException(SiloOptions.SectionName, typeof(SiloOptions),
                [$"{StorageOptions.SectionName}:Provider must be Postgres when {SiloOptions.SectionName}:Clustering is Redis: every silo must reach the same data (got '{storage.Provider}')."]);
        }

        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = silo.ClusterId;
                cluster.ServiceId = silo.ServiceId;
            });
            if (clustered)
            {
                var redis = ConfigurationOptions.Parse(silo.Redis!);
                orleans.UseRedisClustering(options => options.ConfigurationOptions = redis);
                orleans.UseRedisReminderService(options => options.ConfigurationOptions = redis);
                var advertised = IPAddress.Parse(silo.AdvertisedAddress);
                var listen = IPAddress.Parse(silo.ListenAddress ?? silo.AdvertisedAddress);
                orleans.Configure<EndpointOptions>(endpoints =>
                {
                    endpoints.AdvertisedIPAddress = advertised;
                    endpoints.SiloPort = silo.SiloPort;
                    endpoints.SiloListeningEndpoint = new IPEndPoint(listen, silo.SiloPort);
                    endpoints.GatewayPort = silo.GatewayPort;
                    endpoints.GatewayListeningEndpoint = silo.GatewayPort == 0 ? null : new IPEndPoint(listen, silo.GatewayPort);
                });
            }
            else
            {
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
                orleans.UseInMemoryReminderService();
            }

            // Orleans' own knobs, for operators who need them (e.g. Membership:ProbeTimeout to notice a lost silo sooner).
            orleans.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{SiloOptions.SectionName}:Membership"));
            orleans.Services.Configure<ReminderOptions>(builder.Configuration.GetSection($"{SiloOptions.SectionName}:Reminders"));
            orleans.AddPlatformGrainStorage(storage.ProviderKind);

            // A control-API call's trace continues into the grains it reaches (e.g. SyncNow into the cycle it runs).
            orleans.AddActivityPropagation();
        });
        return builder;
    }
}
