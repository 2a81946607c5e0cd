using Platform.Host.Configuration;

namespace Platform.Host.Plugins;

internal static class PluginsExtensions
{
    /// <summary>
    /// Loads every connector plugin now, before the silo is configured: Orleans scans the assemblies loaded when it is
    /// set up, and plugins must be settled (loaded once, or failed) before then.
    /// </summary>
    public static WebApplicationBuilder AddPlatformPlugins(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<PluginsOptions, PluginsOptionsValidator>(PluginsOptions.SectionName);
        var catalog = new ConnectorPluginLoader(new McMasterPluginAssemblyLoader()).LoadAll(options.FullPaths);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddHostedService<PluginLoadReporter>();
        return builder;
    }
}
