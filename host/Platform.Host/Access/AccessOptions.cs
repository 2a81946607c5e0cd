using Microsoft.Extensions.Options;

namespace Platform.Host.Access;

/// <summary>Who may call the control API and the app gateway. Section <c>Platform:Access</c>.</summary>
public sealed class AccessOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Access";

    /// <summary>The shortest <see cref="AdminKey"/> accepted.</summary>
    public const int MinimumAdminKeyLength = 32;

    /// <summary>
    /// An admin key every silo accepts, for deployments that provision the first key themselves (a cluster reads it from a
    /// secret): at least 32 characters, no whitespace. Only its hash is kept in memory; it is never stored. Default: none,
    /// and the first silo to start creates an admin key and writes it to <see cref="FirstAdminKeyPath"/>.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Where the first admin key is written (readable by its owner only) when the platform has no key yet and no
    /// <see cref="AdminKey"/> is configured; a relative path is resolved against the content root. Default:
    /// <c>admin.key</c> beside the SQLite database, or <c>data/admin.key</c> with PostgreSQL.
    /// </summary>
    public string? FirstAdminKeyPath { get; set; }
}

internal sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options) =>
        options.AdminKey is { Length: > 0 } key && (key.Length < AccessOptions.MinimumAdminKeyLength || key.Any(char.IsWhiteSpace))
            ? ValidateOptionsResult.Fail($"{AccessOptions.SectionName}:AdminKey must be at least {AccessOptions.MinimumAdminKeyLength} characters without whitespace (got {key.Length} characters).")
            : ValidateOptionsResult.Success;
}
