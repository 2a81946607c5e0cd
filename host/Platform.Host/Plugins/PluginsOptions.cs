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

    /// <summary>
    /// More plugin directories, laid out the same way and loaded after <see cref="Path"/> (a folder of your own
    /// connectors, say). Relative paths are resolved like <see cref="Path"/>. Default: none; sandbox mode adds
    /// <c>sample-plugins</c>.
    /// </summary>
    public List<string> AdditionalPaths { get; set; } = [];

    /// <summary>The directory as an absolute path.</summary>
    public string FullPath => Resolve(Path);

    /// <summary>Every plugin directory, as absolute paths, in loading order.</summary>
    public IReadOnlyList<string> FullPaths => [FullPath, .. AdditionalPaths.Select(Resolve)];

    private static string Resolve(string path) => System.IO.Path.GetFullPath(path, AppContext.BaseDirectory);
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

        var failures = new List<string>();
        if (!Directory.Exists(options.FullPath))
        {
            failures.Add($"{key} names a directory that does not exist: {options.FullPath}");
        }

        var additional = options.FullPaths.Skip(1).ToList();
        for (var i = 0; i < additional.Count; i++)
        {
            if (!Directory.Exists(additional[i]))
            {
                failures.Add($"{PluginsOptions.SectionName}:AdditionalPaths:{i} names a directory that does not exist: {additional[i]}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
