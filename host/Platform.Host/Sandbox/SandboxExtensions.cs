using Platform.Host.Configuration;
using Platform.Host.Plugins;

namespace Platform.Host.Sandbox;

internal static class SandboxExtensions
{
    /// <summary>The sample connectors' folder next to the host (see <c>eng/SamplePlugins.targets</c>).</summary>
    public const string SamplePluginsPath = "sample-plugins";

    /// <summary>
    /// Sandbox mode, when <c>Platform:Sandbox:Enabled</c>: adds the sample connector to the plugins (so call this before
    /// <c>AddPlatformPlugins</c>) and runs <see cref="SandboxService"/>.
    /// </summary>
    public static WebApplicationBuilder AddPlatformSandbox(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<SandboxOptions, SandboxOptionsValidator>(SandboxOptions.SectionName);
        if (!options.Enabled)
        {
            return builder;
        }

        var additional = builder.Configuration.GetSection($"{PluginsOptions.SectionName}:AdditionalPaths").GetChildren().Count();
        builder.Configuration.AddInMemoryCollection([new($"{PluginsOptions.SectionName}:AdditionalPaths:{additional}", SamplePluginsPath)]);
        builder.Services.AddSingleton<SandboxService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SandboxService>());
        return builder;
    }
}
