using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Grains.Access;

namespace Platform.Host.Access;

/// <summary>Reads the caller's API key from <c>authorization: Bearer &lt;key&gt;</c> and turns it into who they are.</summary>
internal sealed partial class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ApiKeyDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string IntegrationClaim = "platform:integration";
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The authorization header must be 'Bearer <API key>'.");
        }

        try
        {
            var (key, refusal) = await directory.CheckAsync(header[BearerPrefix.Length..].Trim(), Context.RequestAborted);
            if (key is null)
            {
                LogRefused(Logger, refusal!);
                return AuthenticateResult.Fail(refusal!);
            }

            return AuthenticateResult.Success(new AuthenticationTicket(Principal(key), SchemeName));
        }
        catch (Exception e) when (!Context.RequestAborted.IsCancellationRequested)
        {
            LogUnavailable(Logger, e);
            return AuthenticateResult.Fail(new KeysUnavailableException(e));
        }
    }

    private static ClaimsPrincipal Principal(ApiKeyRecord key)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ClaimTypes.Role, AccessRoles.Name(key.Role)),
        ];
        if (key.IntegrationId is { } integration)
        {
            claims.Add(new Claim(IntegrationClaim, integration));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A call was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "API keys could not be read; the call is refused as unavailable")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}

/// <summary>The stored API keys could not be read, so no call can be checked.</summary>
internal sealed class KeysUnavailableException(Exception inner) : Exception("The API keys could not be read; try again.", inner);
