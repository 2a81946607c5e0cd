namespace Platform.Salesforce;

/// <summary>How a connection authenticates. <see cref="object.ToString"/> never shows a secret.</summary>
public abstract record SalesforceCredentials
{
    private protected SalesforceCredentials()
    {
    }

    /// <summary>The connected app's consumer key.</summary>
    public abstract string ClientId { get; }
}

/// <summary>Server-to-server: a JWT signed with the private key of a certificate registered on the connected app.</summary>
/// <param name="ClientId">The connected app's consumer key (the JWT's <c>iss</c>).</param>
/// <param name="Username">The integration user (the JWT's <c>sub</c>).</param>
/// <param name="PrivateKeyPem">The RSA private key, PEM-encoded.</param>
public sealed record JwtBearerCredentials(string ClientId, string Username, string PrivateKeyPem) : SalesforceCredentials
{
    /// <summary>The JWT's <c>aud</c>. Default: the login URL's scheme and host.</summary>
    public string? Audience { get; init; }

    public override string ClientId { get; } = ClientId;

    public override string ToString() => $"JwtBearer {{ ClientId = {ClientId}, Username = {Username} }}";
}

/// <summary>Server-to-server: the connected app's client credentials flow (runs as the app's run-as user; needs My Domain).</summary>
public sealed record ClientCredentialsCredentials(string ClientId, string ClientSecret) : SalesforceCredentials
{
    public override string ClientId { get; } = ClientId;

    public override string ToString() => $"ClientCredentials {{ ClientId = {ClientId} }}";
}

/// <summary>A refresh token from the web-server (consent) flow; see <see cref="WebServerFlow"/>.</summary>
public sealed record RefreshTokenCredentials(string ClientId, string? ClientSecret, string RefreshToken) : SalesforceCredentials
{
    public override string ClientId { get; } = ClientId;

    public override string ToString() => $"RefreshToken {{ ClientId = {ClientId} }}";
}

/// <summary>
/// The username-password flow, allowed only against a local emulator (a loopback login URL): Salesforce is retiring it
/// and orgs created since Summer '26 cannot use it.
/// </summary>
public sealed record PasswordCredentials(string ClientId, string ClientSecret, string Username, string Password) : SalesforceCredentials
{
    public override string ClientId { get; } = ClientId;

    public override string ToString() => $"Password {{ ClientId = {ClientId}, Username = {Username} }}";
}
