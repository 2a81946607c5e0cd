using Microsoft.Extensions.Options;
using Platform.Host.Configuration;
using Platform.Storage.Sqlite;

namespace Platform.Host.Silo;

/// <summary>Where grain state and the platform's data live. Section <c>Platform:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Storage";

    /// <summary>The storage provider. Default: <c>Sqlite</c>, the embedded single-node storage that needs no server.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The embedded storage's settings.</summary>
    public SqliteStorageSettings Sqlite { get; set; } = new();
}

/// <summary>The embedded SQLite storage. Section <c>Platform:Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageSettings
{
    /// <summary>The database file; a relative path is resolved against the content root. Default: <c>data/platform.db</c>.</summary>
    public string Path { get; set; } = "data/platform.db";

    /// <summary>How hard commits wait for the disk: <c>Normal</c> or <c>Full</c>. Default: <c>Normal</c>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider must be Sqlite (got '{options.Provider}').");
        }

        return OptionsValidation.Required($"{StorageOptions.SectionName}:Sqlite:Path", options.Sqlite.Path) is { } missing
            ? ValidateOptionsResult.Fail(missing)
            : ValidateOptionsResult.Success;
    }
}
