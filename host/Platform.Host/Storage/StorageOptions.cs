using Microsoft.Extensions.Options;
using Platform.Host.Configuration;
using Platform.Storage.Sqlite;

namespace Platform.Host.Storage;

/// <summary>Where grain state and the platform's data live. Section <c>Platform:Storage</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Storage";

    /// <summary>
    /// The storage provider: <see cref="StorageProvider.Sqlite"/>, the embedded single-node storage that needs no server, or
    /// <see cref="StorageProvider.Postgres"/>, shared by every silo of a cluster. Default: <c>Sqlite</c>.
    /// </summary>
    public string Provider { get; set; } = nameof(StorageProvider.Sqlite);

    /// <summary>The provider, once validated.</summary>
    internal StorageProvider ProviderKind => Enum.Parse<StorageProvider>(Provider, ignoreCase: true);

    /// <summary>The embedded storage's settings.</summary>
    public SqliteStorageSettings Sqlite { get; set; } = new();

    /// <summary>The PostgreSQL storage's settings.</summary>
    public PostgresStorageSettings Postgres { get; set; } = new();
}

/// <summary>The storage providers.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file: one silo, nothing to install.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database every silo shares.</summary>
    Postgres,
}

/// <summary>The embedded SQLite storage. Section <c>Platform:Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageSettings
{
    /// <summary>The database file; a relative path is resolved against the content root. Default: <c>data/platform.db</c>.</summary>
    public string Path { get; set; } = "data/platform.db";

    /// <summary>How hard commits wait for the disk: <c>Normal</c> or <c>Full</c>. Default: <c>Normal</c>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;
}

/// <summary>The PostgreSQL storage. Section <c>Platform:Storage:Postgres</c>.</summary>
public sealed class PostgresStorageSettings
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Database=platform;Username=platform;Password=…</c>. Required for Postgres.</summary>
    public string? ConnectionString { get; set; }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!Enum.TryParse<StorageProvider>(options.Provider, ignoreCase: true, out var provider) || int.TryParse(options.Provider, out _))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SectionName}:Provider must be Sqlite or Postgres (got '{options.Provider}').");
        }

        var missing = provider == StorageProvider.Postgres
            ? OptionsValidation.Required($"{StorageOptions.SectionName}:Postgres:ConnectionString", options.Postgres.ConnectionString)
            : OptionsValidation.Required($"{StorageOptions.SectionName}:Sqlite:Path", options.Sqlite.Path);
        return missing is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(missing);
    }
}
