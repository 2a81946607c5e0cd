using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Platform.Host.Configuration;
using Platform.Storage.Postgres;
using Platform.Storage.Sqlite;

namespace Platform.Host.Storage;

internal static class StorageExtensions
{
    /// <summary>
    /// The platform's data on the configured provider: the pair store, sync log, received entries, the app gateway's
    /// records and writes, and the data-protection key ring that encrypts secrets (beside the embedded database's file,
    /// or in PostgreSQL so every silo shares it). Grain state goes to the same place (see <see cref="AddPlatformGrainStorage"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformStorage(this WebApplicationBuilder builder)
    {
        var storage = builder.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Platform");
        if (storage.ProviderKind == StorageProvider.Postgres)
        {
            builder.Services.AddPostgresDatabase(database => database.ConnectionString = storage.Postgres.ConnectionString!);
            builder.Services.AddPostgresSyncStores();
            builder.Services.AddSingleton(PostgresXmlRepository.Schema);
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(services =>
                new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(services.GetRequiredService<PostgresDatabase>())));
            builder.Services.AddSingleton<IStorageProbe, PostgresProbe>();
            return builder;
        }

        var databasePath = Path.GetFullPath(storage.Sqlite.Path, builder.Environment.ContentRootPath);
        builder.Services.AddSqliteDatabase(database =>
        {
            database.Path = databasePath;
            database.Synchronous = storage.Sqlite.Synchronous;
        });
        builder.Services.AddSqliteSyncStores();
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Path.GetDirectoryName(databasePath)!, "keys")));
        builder.Services.AddSingleton<IStorageProbe, SqliteProbe>();
        return builder;
    }

    /// <summary>Makes the configured provider the silo's default grain storage.</summary>
    public static ISiloBuilder AddPlatformGrainStorage(this ISiloBuilder silo, StorageProvider provider) =>
        provider == StorageProvider.Postgres ? silo.AddPostgresGrainStorageAsDefault() : silo.AddSqliteGrainStorageAsDefault();

    private sealed class SqliteProbe(SqliteDatabase database) : IStorageProbe
    {
        public string Provider => "Sqlite";

        public string Target => database.DatabasePath;

        public Task PingAsync(CancellationToken cancellationToken) => database.PingAsync(cancellationToken);
    }

    private sealed class PostgresProbe(PostgresDatabase database) : IStorageProbe
    {
        public string Provider => "Postgres";

        public string Target => database.Target;

        public Task PingAsync(CancellationToken cancellationToken) => database.PingAsync(cancellationToken);
    }
}
