using Platform.Grains;
using Platform.Grains.Connectors;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Host.Configuration;

namespace Platform.Host.Sync;

internal static class SyncExtensions
{
    /// <summary>
    /// The sync engine: its grains' services, connector clients from the loaded plugins, and secrets encrypted with the
    /// data-protection key ring of the configured storage (see <c>AddPlatformStorage</c>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformSync(this WebApplicationBuilder builder)
    {
        var engine = builder.AddValidatedOptions<SyncEngineOptions, SyncEngineOptionsValidator>(SyncEngineOptions.SectionName);
        builder.Services.AddHttpClient();
        builder.Services.AddSyncEngine(options =>
        {
            options.OverlapWindow = engine.OverlapWindow;
            options.SalesforcePageSize = engine.SalesforcePageSize;
            options.AppPageSize = engine.AppPageSize;
            options.MinimumInterval = engine.MinimumInterval;
            options.BudgetRecheckInterval = engine.BudgetRecheckInterval;
            options.ProgressInterval = engine.ProgressInterval;
        });
        builder.Services.AddSingleton<SecretSettings>();
        builder.Services.AddSingleton<ICredentialProtector, DataProtectionCredentialProtector>();
        builder.Services.AddSingleton<IConnectorRuntime, PluginConnectorRuntime>();
        return builder;
    }
}
