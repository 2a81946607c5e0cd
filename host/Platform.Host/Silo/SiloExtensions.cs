using Platform.Host.Configuration;
using Platform.Storage.Sqlite;

namespace Platform.Host.Silo;

internal static class SiloExtensions
{
    /// <summary>Runs an Orleans silo in the host: localhost clustering and durable grain state in the embedded database.</summary>
    public static WebApplicationBuilder AddPlatformSilo(this WebApplicationBuilder builder)
    {
        var silo = builder.AddValidatedOptions<SiloOptions, SiloOptionsValidator>(SiloOptions.SectionName);
        var storage = builder.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        var databasePath = Path.GetFullPath(storage.Sqlite.Path, builder.Environment.ContentRootPath);

        builder.Services.AddSqliteDatabase(database =>
        {
            database.Path = databasePath;
            database.Synchronous = storage.Sqlite.Synchronous;
        });
        builder.UseOrleans(orleans =>
        {
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, serviceId: silo.ServiceId, clusterId: silo.ClusterId);
            orleans.AddSqliteGrainStorageAsDefault();
        });
        return builder;
    }
}
