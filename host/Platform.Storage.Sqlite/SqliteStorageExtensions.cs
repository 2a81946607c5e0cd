using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using Platform.Storage.Sqlite.Sync;
using Platform.Sync;

namespace Platform.Storage.Sqlite;

/// <summary>Registers the embedded database and the grain storage built on it.</summary>
public static class SqliteStorageExtensions
{
    /// <summary>Registers the <see cref="SqliteDatabase"/> singleton (once; later calls only reconfigure it).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the database options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqliteDatabase(this IServiceCollection services, Action<SqliteDatabaseOptions> configure)
    {
        services.AddOptions<SqliteDatabaseOptions>().Configure(configure);
        services.TryAddSingleton<SqliteDatabase>();
        return services;
    }

    /// <summary>Keeps paired records, the sync log, received entries and the app gateway's records and writes on the embedded database.</summary>
    /// <param name="services">The service collection; <see cref="AddSqliteDatabase"/> must have been called.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqliteSyncStores(this IServiceCollection services)
    {
        services.AddSingleton(SqlitePairStore.Schema);
        services.AddSingleton(SqliteSyncLog.Schema);
        services.AddSingleton(SqliteEntryStore.Schema);
        services.AddSingleton(SqliteGatewayStore.Schema);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPairStore, SqlitePairStore>();
        services.TryAddSingleton<ISyncLog, SqliteSyncLog>();
        services.TryAddSingleton<IEntryStore, SqliteEntryStore>();
        services.TryAddSingleton<IGatewayStore, SqliteGatewayStore>();
        return services;
    }

    /// <summary>Makes the embedded database the silo's default grain storage.</summary>
    /// <param name="builder">The silo builder; <see cref="AddSqliteDatabase"/> must have been called.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

    /// <summary>Adds a named grain storage on the embedded database.</summary>
    /// <param name="builder">The silo builder; <see cref="AddSqliteDatabase"/> must have been called.</param>
    /// <param name="name">The storage name grains refer to in <c>[PersistentState]</c>.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name)
    {
        builder.Services.AddSingleton(SqliteGrainStorage.Schema);
        builder.Services.AddGrainStorage(name, (services, storageName) => new SqliteGrainStorage(
            storageName,
            services.GetRequiredService<SqliteDatabase>(),
            // Orleans' own serializer: compact, fast and version-tolerant through [Id] members, with no CLR type
            // names in stored rows (the default JSON serializer embeds them, so renaming a type would orphan state).
            new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetRequiredService<ILogger<SqliteGrainStorage>>()));
        return builder;
    }
}
