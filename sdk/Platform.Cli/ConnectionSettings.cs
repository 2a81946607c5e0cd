using System.Text.Json;

namespace Platform.Cli;

/// <summary>
/// Where the CLI connects and with which key. Each setting comes from the first of: the flag (<c>--address</c>,
/// <c>--api-key</c>), the environment (<c>PLATFORM_ADDRESS</c>, <c>PLATFORM_API_KEY</c>), the config file, the default.
/// The config file is <c>--config</c>, else <c>PLATFORM_CONFIG</c>, else <c>platform/config.json</c> under
/// <c>XDG_CONFIG_HOME</c> (default <c>~/.config</c>), a JSON object such as
/// <c>{ "address": "http://127.0.0.1:50051", "apiKey": "plk_…" }</c>.
/// </summary>
internal sealed record ConnectionSettings(Uri Address, string? ApiKey)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The address when nothing sets one.</summary>
    public const string DefaultAddress = "http://127.0.0.1:50051";

    /// <summary>Resolves the settings; throws <see cref="SettingsException"/> naming the setting or file that is wrong.</summary>
    public static ConnectionSettings Resolve(string? addressFlag, string? apiKeyFlag, string? configFlag)
    {
        var explicitFile = configFlag ?? NullIfEmpty(Environment.GetEnvironmentVariable("PLATFORM_CONFIG"));
        var file = Read(explicitFile ?? DefaultFile(), mustExist: explicitFile is not null);
        var address = addressFlag ?? NullIfEmpty(Environment.GetEnvironmentVariable("PLATFORM_ADDRESS")) ?? file.Address ?? DefaultAddress;
        var apiKey = apiKeyFlag ?? NullIfEmpty(Environment.GetEnvironmentVariable("PLATFORM_API_KEY")) ?? file.ApiKey;
        return Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new ConnectionSettings(uri, apiKey)
            : throw new SettingsException($"--address must be an absolute http or https URL (got '{address}').");
    }

    private static string DefaultFile() =>
        Path.Combine(NullIfEmpty(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME")) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "platform", "config.json");

    private static ConfigFile Read(string path, bool mustExist)
    {
        if (!File.Exists(path))
        {
            return mustExist ? throw new SettingsException($"The config file {path} does not exist.") : new ConfigFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ConfigFile>(File.ReadAllText(path), Json) ?? new ConfigFile();
        }
        catch (JsonException e)
        {
            throw new SettingsException($"The config file {path} is not a JSON object with \"address\" and \"apiKey\": {e.Message}");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record ConfigFile(string? Address = null, string? ApiKey = null);
}

/// <summary>A connection setting or the config file is wrong; the message says which.</summary>
internal sealed class SettingsException(string message) : Exception(message);
