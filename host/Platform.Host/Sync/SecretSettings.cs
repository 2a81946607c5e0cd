using Microsoft.AspNetCore.DataProtection;
using Platform.Sdk;

namespace Platform.Host.Sync;

/// <summary>Keeps an integration's secret settings (API keys) encrypted at rest and masked in answers.</summary>
internal sealed class SecretSettings(IDataProtectionProvider provider)
{
    public const string Mask = "********";
    private const string Prefix = "protected:";
    private readonly IDataProtector _protector = provider.CreateProtector("Platform.Integrations.Settings.v1");

    /// <summary>Encrypts the secret values; a masked value keeps what was stored before.</summary>
    public Dictionary<string, string> Protect(ConnectorDefinition definition, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string>? stored)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            var secret = definition.Settings.FirstOrDefault(s => s.Key == key)?.Secret == true;
            result[key] = !secret ? value
                : value == Mask && stored?.GetValueOrDefault(key) is { } kept ? kept
                : Prefix + _protector.Protect(value);
        }

        return result;
    }

    public Dictionary<string, string> Unprotect(IReadOnlyDictionary<string, string> settings) =>
        settings.ToDictionary(kv => kv.Key, kv => kv.Value.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(kv.Value[Prefix.Length..]) : kv.Value, StringComparer.Ordinal);

    public static Dictionary<string, string> Masked(IReadOnlyDictionary<string, string> settings) =>
        settings.ToDictionary(kv => kv.Key, kv => kv.Value.StartsWith(Prefix, StringComparison.Ordinal) ? Mask : kv.Value, StringComparer.Ordinal);
}
