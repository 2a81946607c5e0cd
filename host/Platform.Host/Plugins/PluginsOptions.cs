using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

namespace Platform.Host.Plugins;

/// <summary>Where connector plugins are found. Section <c>Platform:Plugins</c>.</summary>
public sealed class PluginsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Plugins";

    /// <summary>
    /// The plugins directory: one sub-folder per plugin, each holding its <c>plugin.json</c>. A relative path is
    /// resolved against the host's own folder. Default: <c>plugins</c>, where the build puts the shipped connectors.
    /// </summary>
    public string Path { get; set; } = "plugins";

    /// <summary>The directory as an absolute path.</summary>
    public string FullPath => System.IO.Path.GetFullPath(Path, AppContext.BaseDirectory);
}

internal sealed class PluginsOptionsValidator : IValidateOptions<PluginsOptions>
{
    public ValidateOptionsResult Validate(string? name, PluginsOptions options)
    {
        const string key = $"{PluginsOptions.SectionName}:Path";
        if (OptionsValidation.Required(key, options.Path) is { } missing)
        {
            return ValidateOptionsResult.Fail(missing);
        }

        return Directory.Exists(options.FullPath)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{key} names a directory that does not exist: {options.FullPath}");
    }
}
