namespace Platform.Sdk;

/// <summary>A setting an integration of the connector takes, such as an API key or a base URL.</summary>
public sealed record SettingDefinition
{
    /// <summary>Stable key, e.g. <c>apiKey</c>. The value reaches the connector under this key in <see cref="ConnectorContext.Settings"/>.</summary>
    public required string Key { get; init; }

    /// <summary>The kind of value; the host validates values against it.</summary>
    public required SettingType Type { get; init; }

    /// <summary>Name shown to operators. Default: <see cref="Key"/>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>One sentence shown next to the setting. Default: empty.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether an integration cannot be saved without a value. Default: <see langword="false"/>.</summary>
    public bool Required { get; init; }

    /// <summary>
    /// Whether the value is a secret: the host stores it encrypted, never returns it and never logs it.
    /// Default: <see langword="false"/>.
    /// </summary>
    public bool Secret { get; init; }

    /// <summary>The value used when none is given. Default: <see langword="null"/>.</summary>
    public string? DefaultValue { get; init; }

    /// <summary>For <see cref="SettingType.Choice"/>: the accepted values. Default: empty.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];
}

/// <summary>The kind of value a setting holds. Every value reaches the connector as a string.</summary>
public enum SettingType
{
    /// <summary>Free text.</summary>
    String,

    /// <summary>A whole number, written in invariant culture.</summary>
    Integer,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An absolute http or https URL.</summary>
    Url,

    /// <summary>One of <see cref="SettingDefinition.Choices"/>.</summary>
    Choice,
}
