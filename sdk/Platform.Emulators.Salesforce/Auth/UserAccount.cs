using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Auth;

/// <summary>A user who can log in: their User record id, credentials and permissions.</summary>
public sealed record UserAccount(string UserId, string Username, string Password, UserPermissions Permissions);

/// <summary>
/// What a user may do. Object access letters: R read, C create, E edit, D delete. <see cref="ModifyAllData"/> grants
/// everything (a system administrator).
/// </summary>
public sealed record UserPermissions
{
    /// <summary>Everything, as a system administrator. Default: <see langword="true"/>.</summary>
    public bool ModifyAllData { get; init; } = true;

    /// <summary>The "API Enabled" permission. Default: <see langword="true"/>.</summary>
    public bool ApiEnabled { get; init; } = true;

    /// <summary>Sees encrypted field values in clear. Default: <see langword="true"/>.</summary>
    public bool ViewEncryptedData { get; init; } = true;

    /// <summary>Object name → access letters (e.g. <c>"RCE"</c>), used when <see cref="ModifyAllData"/> is off.</summary>
    public IReadOnlyDictionary<string, string> Objects { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the user has <paramref name="access"/> on the type. Every user may read User records, as every standard profile may.</summary>
    public bool Can(ObjectDefinition type, char access) =>
        ModifyAllData || (type.Name == "User" && access is 'R' or 'r')
        || (Objects.TryGetValue(type.Name, out var letters) && letters.Contains(access, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A connected app: OAuth client id and secret, and the certificate that verifies its JWT bearer assertions.</summary>
public sealed record ConnectedApp
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    /// <summary>PEM certificate or RSA public key for the JWT bearer flow. Default: none (JWT refused).</summary>
    public string? Certificate { get; init; }

    /// <summary>Callback URLs allowed in the web-server flow. Default: any.</summary>
    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    /// <summary>The user the client credentials flow runs as. Default: the org's first user.</summary>
    public string? RunAsUsername { get; init; }
}
