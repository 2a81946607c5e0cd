using System.Text.Json;
using System.Text.RegularExpressions;
using Platform.Sdk;

namespace Platform.PluginContract;

/// <summary>
/// Reads and checks a plugin's <c>plugin.json</c>. Compiled into the host (which refuses a plugin that fails) and the
/// conformance kit (which reports it), so both give the same verdict in the same words.
/// </summary>
internal static partial class ManifestChecks
{
    /// <summary>The manifest in <paramref name="directory"/>, or what is wrong with it.</summary>
    public static (PluginManifest? Manifest, string? Problem) Read(string directory)
    {
        var path = Path.Combine(directory, PluginManifest.FileName);
        if (!File.Exists(path))
        {
            return (null, $"{PluginManifest.FileName} is missing.");
        }

        PluginManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<PluginManifest>(File.ReadAllBytes(path));
        }
        catch (JsonException ex)
        {
            return (null, $"{PluginManifest.FileName} is malformed: {ex.Message}");
        }

        return manifest is null
            ? (null, $"{PluginManifest.FileName} is malformed: it holds null instead of an object.")
            : (manifest, Problem(manifest));
    }

    private static string? Problem(PluginManifest manifest)
    {
        if (!IdPattern().IsMatch(manifest.Id))
        {
            return $"{PluginManifest.FileName}: id must be lower-case letters, digits and dashes, starting with a letter, at most 64 characters (got '{manifest.Id}').";
        }

        if (string.IsNullOrWhiteSpace(manifest.DisplayName) || string.IsNullOrWhiteSpace(manifest.Version))
        {
            return $"{PluginManifest.FileName}: displayName and version must not be empty.";
        }

        if (!SdkVersionPattern().IsMatch(manifest.SdkVersion) || !Version.TryParse(manifest.SdkVersion, out var targeted))
        {
            return $"{PluginManifest.FileName}: sdkVersion must be major.minor, such as 1.0 (got '{manifest.SdkVersion}').";
        }

        if (!SdkVersion.IsCompatible(targeted))
        {
            return $"it targets SDK {manifest.SdkVersion}, which this host (SDK {SdkVersion.Current}) cannot run: the major version must match and the minor version must not be newer.";
        }

        return manifest.Assembly.IndexOfAny(['/', '\\']) >= 0 || !manifest.Assembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? $"{PluginManifest.FileName}: assembly must be a .dll file name in the plugin's folder (got '{manifest.Assembly}')."
            : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex SdkVersionPattern();
}
