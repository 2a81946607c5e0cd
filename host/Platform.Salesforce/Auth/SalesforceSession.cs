namespace Platform.Salesforce;

/// <summary>An authenticated session: the token and where to use it. <see cref="object.ToString"/> hides the token.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="InstanceUrl">Where every API call goes.</param>
/// <param name="IdentityUrl">The identity URL (<c>…/id/{orgId}/{userId}</c>).</param>
/// <param name="IssuedAt">When the token was obtained.</param>
public sealed record SalesforceSession(string AccessToken, Uri InstanceUrl, string IdentityUrl, DateTimeOffset IssuedAt)
{
    /// <summary>The org id, from the identity URL.</summary>
    public string OrgId => IdentityUrl.TrimEnd('/').Split('/')[^2];

    /// <summary>The user id, from the identity URL.</summary>
    public string UserId => IdentityUrl.TrimEnd('/').Split('/')[^1];

    /// <summary>A refresh token, when the grant issued one (web-server flow).</summary>
    public string? RefreshToken { get; init; }

    public override string ToString() => $"SalesforceSession {{ InstanceUrl = {InstanceUrl}, OrgId = {OrgId}, UserId = {UserId} }}";
}

/// <summary>The token endpoint refused the credentials (<c>invalid_grant</c>, <c>invalid_client_id</c>…).</summary>
public sealed class SalesforceAuthenticationException : SalesforceException
{
    public SalesforceAuthenticationException(string error, string description, int statusCode)
        : base($"Salesforce refused the credentials: {error}: {description}", statusCode, [new SalesforceError(error, description, [])], SalesforceErrorKind.Authentication)
    {
        Error = error;
        Description = description;
    }

    public SalesforceAuthenticationException()
        : this("invalid_grant", "authentication failure", 400)
    {
    }

    public SalesforceAuthenticationException(string message)
        : this("invalid_grant", message, 400)
    {
    }

    public SalesforceAuthenticationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = "unknown";
        Description = message;
    }

    /// <summary>OAuth's <c>error</c>.</summary>
    public string Error { get; }

    /// <summary>OAuth's <c>error_description</c>.</summary>
    public string Description { get; }
}
