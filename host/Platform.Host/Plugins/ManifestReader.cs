using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Sdk;

namespace Platform.Host.Plugins;

/// <summary>Reads and checks a plugin's <c>plugin.json</c> before any of its code is loaded.</summary>
internal static partial class ManifestReader
{
    public static PluginManifest Read(string directory)
    {
        var path = Path.Combine(directory, PluginManifest.FileName);
        if (!File.Exists(path))
        {
            throw new PluginLoadException($"{PluginManifest.FileName} is missing.");
        }

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            throw new PluginLoadException($"{PluginManifest.FileName} is malformed: {ex.Message}", ex);
        }

        if (manifest is null)
        {
            throw new PluginLoadException($"{PluginManifest.FileName} is malformed: it holds null instead of an object.");
        }

        Check(manifest);
        return manifest;
    }

    public static Version ParseSdkVersion(string value) =>
        SdkVersionPattern().IsMatch(value) && Version.TryParse(value, out var version)
            ? version
            : throw new PluginLoadException($"{PluginManifest.FileName}: sdkVersion must be major.minor, such as 1.0 (got '{value}').");

    private static void Check(PluginManifest manifest)
    {
        if (!IdPattern().IsMatch(manifest.Id))
        {
            throw new PluginLoadException(
                $"{PluginManifest.FileName}: id must be lower-case letters, digits and dashes, starting with a letter, at most 64 characters (got '{manifest.Id}').");
        }

        if (string.IsNullOrWhiteSpace(manifest.DisplayName) || string.IsNullOrWhiteSpace(manifest.Version))
        {
            throw new PluginLoadException($"{PluginManifest.FileName}: displayName and version must not be empty.");
        }

        var targeted = ParseSdkVersion(manifest.SdkVersion);
        if (!SdkVersion.IsCompatible(targeted))
        {
            throw new PluginLoadException(
                $"it targets SDK {manifest.SdkVersion}, which this host (SDK {SdkVersion.Current}) cannot run: the major version must match and the minor version must not be newer.");
        }

        if (manifest.Assembly.IndexOfAny(['/', '\\']) >= 0 || !manifest.Assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            throw new PluginLoadException($"{PluginManifest.FileName}: assembly must be a .dll file name in the plugin's folder (got '{manifest.Assembly}').");
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex SdkVersionPattern();
}
