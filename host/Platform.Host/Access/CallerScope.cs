using System.Security.Claims;
using Grpc.Core;

namespace Platform.Host.Access;

/// <summary>The integration an app key may act on; staff keys may act on any.</summary>
internal static class CallerScope
{
    /// <summary>
    /// Throws <c>PermissionDenied</c> when the caller is an app key of another integration. Methods open to app keys call
    /// this before anything else, so an app learns nothing about other integrations, not even whether they exist.
    /// </summary>
    public static void RequireIntegration(this ServerCallContext context, string integrationId)
    {
        var user = context.GetHttpContext().User;
        var own = user.FindFirstValue(ApiKeyAuthenticationHandler.IntegrationClaim);
        if (AccessRoles.Of(user) == Grains.Access.ApiKeyRole.App && !string.Equals(own, integrationId, StringComparison.Ordinal))
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied,
                $"The API key '{user.FindFirstValue(ClaimTypes.Name)}' belongs to integration '{own}' and may not act on another integration."));
        }
    }

    /// <summary>The calling key's id.</summary>
    public static string CallerKeyId(this ServerCallContext context) =>
        context.GetHttpContext().User.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The call was not authenticated.");
}
