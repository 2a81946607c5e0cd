using Microsoft.AspNetCore.DataProtection;
using Platform.Grains;
using Platform.Grains.Connectors;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Host.Configuration;
using Platform.Host.Silo;
using Platform.Storage.Sqlite;

namespace Platform.Host.Sync;

internal static class SyncExtensions
{
    /// <summary>
    /// The sync engine: its grains' services, the pair store and sync log on the embedded database, connector clients
    /// from the loaded plugins, and secrets encrypted with data-protection keys kept beside the database.
    /// </summary>
    public static WebApplicationBuilder AddPlatformSync(this WebApplicationBuilder builder)
    {
        var engine = builder.AddValidatedOptions<SyncEngineOptions, SyncEngineOptionsValidator>(SyncEngineOptions.SectionName);
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(storage.Sqlite.Path, builder.Environment.ContentRootPath))!;

        builder.Services.AddDataProtection()
            .SetApplicationName("Platform")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        builder.Services.AddHttpClient();
        builder.Services.AddSqliteSyncStores();
        builder.Services.AddSyncEngine(options =>
        {
            options.OverlapWindow = engine.OverlapWindow;
            options.SalesforcePageSize = engine.SalesforcePageSize;
            options.AppPageSize = engine.AppPageSize;
            options.MinimumInterval = engine.MinimumInterval;
            options.BudgetRecheckInterval = engine.BudgetRecheckInterval;
        });
        builder.Services.AddSingleton<SecretSettings>();
        builder.Services.AddSingleton<ICredentialProtector, DataProtectionCredentialProtector>();
        builder.Services.AddSingleton<IConnectorRuntime, PluginConnectorRuntime>();
        return builder;
    }
}
