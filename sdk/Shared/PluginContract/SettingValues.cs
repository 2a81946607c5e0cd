using System.Globalization;
using Platform.Sdk;

namespace Platform.PluginContract;

/// <summary>Checks a setting's value against its declared <see cref="SettingType"/>, the same way at plugin load (defaults) and at save.</summary>
internal static class SettingValues
{
    /// <summary>What is wrong with <paramref name="value"/> ("must be …", without a full stop), or null when it fits the setting's type.</summary>
    public static string? Problem(SettingDefinition setting, string value) => setting.Type switch
    {
        SettingType.Integer when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "must be a whole number",
        SettingType.Boolean when value is not ("true" or "false") => "must be true or false",
        SettingType.Url when !Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") => "must be an absolute http or https URL",
        SettingType.Choice when !setting.Choices.Contains(value, StringComparer.Ordinal) => $"must be one of: {string.Join(", ", setting.Choices)}",
        _ => null,
    };
}
