namespace Platform.Salesforce;

/// <summary>
/// The OAuth web-server (consent) flow: send a user to <see cref="AuthorizeUrl"/>, receive the code at the redirect URI,
/// exchange it with <see cref="ExchangeCodeAsync"/>, and keep the refresh token for <see cref="RefreshTokenCredentials"/>.
/// </summary>
public static class WebServerFlow
{
    /// <summary>The URL of Salesforce's consent page.</summary>
    /// <param name="loginUrl">The login host (production, sandbox or My Domain).</param>
    /// <param name="clientId">The connected app's consumer key.</param>
    /// <param name="redirectUri">A callback URL registered on the connected app.</param>
    /// <param name="state">An opaque value echoed back to the redirect URI (protects against CSRF).</param>
    /// <param name="scopes">The scopes to ask for. Default: <c>api refresh_token</c>.</param>
    public static Uri AuthorizeUrl(Uri loginUrl, string clientId, Uri redirectUri, string state, IEnumerable<string>? scopes = null)
    {
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["response_type"] = "code",
            ["client_id"] = clientId,
            ["redirect_uri"] = redirectUri.ToString(),
            ["state"] = state,
            ["scope"] = string.Join(' ', scopes ?? ["api", "refresh_token"]),
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(loginUrl, "/services/oauth2/authorize?" + query);
    }

    /// <summary>Exchanges the authorization code for a session whose <see cref="SalesforceSession.RefreshToken"/> is set.</summary>
    public static Task<SalesforceSession> ExchangeCodeAsync(
        HttpClient http, Uri loginUrl, string clientId, string? clientSecret, string code, Uri redirectUri, CancellationToken cancellationToken = default) =>
        TokenEndpoint.ExchangeCodeAsync(http, loginUrl, clientId, clientSecret, code, redirectUri, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Revokes a refresh token (and the sessions it issued) at <c>/services/oauth2/revoke</c>, as when a user disconnects.
    /// </summary>
    /// <exception cref="SalesforceAuthenticationException">Salesforce refused the revocation (e.g. the token was already invalid).</exception>
    public static async Task RevokeAsync(HttpClient http, Uri loginUrl, string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token });
        using var response = await http.PostAsync(new Uri(loginUrl, "/services/oauth2/revoke"), content, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new SalesforceAuthenticationException("unsupported_token_type", $"the revoke endpoint answered {(int)response.StatusCode}", (int)response.StatusCode);
        }
    }
}
