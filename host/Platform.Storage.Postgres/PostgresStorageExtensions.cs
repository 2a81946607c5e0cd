using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Platform.Storage.Postgres.Sync;
using Platform.Sync;

namespace Platform.Storage.Postgres;

/// <summary>Registers the PostgreSQL database, the sync stores and the grain storage built on it.</summary>
public static class PostgresStorageExtensions
{
    /// <summary>Registers the <see cref="PostgresDatabase"/> singleton (once; later calls only reconfigure it).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the database options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresDatabase(this IServiceCollection services, Action<PostgresDatabaseOptions> configure)
    {
        services.AddOptions<PostgresDatabaseOptions>().Configure(configure);
        services.TryAddSingleton<PostgresDatabase>();
        return services;
    }

    /// <summary>Keeps paired records, the sync log, received entries and the app gateway's records and writes on PostgreSQL.</summary>
    /// <param name="services">The service collection; <see cref="AddPostgresDatabase"/> must have been called.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddPostgresSyncStores(this IServiceCollection services)
    {
        services.AddSingleton(PostgresPairStore.Schema);
        services.AddSingleton(PostgresSyncLog.Schema);
        services.AddSingleton(PostgresEntryStore.Schema);
        services.AddSingleton(PostgresGatewayStore.Schema);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPairStore, PostgresPairStore>();
        services.TryAddSingleton<ISyncLog, PostgresSyncLog>();
        services.TryAddSingleton<IEntryStore, PostgresEntryStore>();
        services.TryAddSingleton<IGatewayStore, PostgresGatewayStore>();
        return services;
    }

    /// <summary>Makes PostgreSQL the silo's default grain storage.</summary>
    /// <param name="builder">The silo builder; <see cref="AddPostgresDatabase"/> must have been called.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddPostgresGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddPostgresGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>Adds a named grain storage on PostgreSQL; rows are keyed by the cluster's service id too.</summary>
    /// <param name="builder">The silo builder; <see cref="AddPostgresDatabase"/> must have been called.</param>
    /// <param name="name">The storage name grains refer to in <c>[PersistentState]</c>.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddPostgresGrainStorage(this ISiloBuilder builder, string name)
    {
        builder.Services.AddSingleton(PostgresGrainStorage.Schema);
        builder.Services.AddGrainStorage(name, (services, storageName) => new PostgresGrainStorage(
            storageName,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId,
            services.GetRequiredService<PostgresDatabase>(),
            // Orleans' own serializer, as in the embedded storage: no CLR type names in stored rows.
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetRequiredService<ILogger<PostgresGrainStorage>>()));
        return builder;
    }
}
