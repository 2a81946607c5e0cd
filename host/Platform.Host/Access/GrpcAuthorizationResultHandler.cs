using System.Globalization;
using System.Text;
using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Platform.Host.Access;

/// <summary>
/// Answers a refused gRPC call in gRPC's own terms (a trailers-only response with a status and a message saying what is
/// missing) instead of HTTP 401/403, which clients could only report as "Bad gRPC response". Other requests get the
/// default answer.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        // The handler ran once for this request already; this returns its cached result, with why it failed.
        var failure = (await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Failure;
        var (status, message) = authorizeResult.Challenged
            ? failure is KeysUnavailableException unavailable
                ? (StatusCode.Unavailable, unavailable.Message)
                : (StatusCode.Unauthenticated, failure?.Message ?? "This call needs an API key: send it as 'authorization: Bearer <key>'.")
            : (StatusCode.PermissionDenied, Refusal(context, authorizeResult));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)status).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["grpc-message"] = PercentEncode(message);
    }

    private static string Refusal(HttpContext context, PolicyAuthorizationResult result)
    {
        var needs = result.AuthorizationFailure?.FailedRequirements.OfType<RoleRequirement>().FirstOrDefault()?.Needs ?? "another role";
        var role = AccessRoles.Of(context.User) is { } r ? AccessRoles.Name(r) : "no role";
        return $"The API key '{context.User.Identity?.Name}' ({role}) may not call {context.Request.Path}: it needs {needs}.";
    }

    /// <summary>grpc-message is percent-encoded UTF-8 (the gRPC HTTP/2 protocol), so any text survives the header.</summary>
    private static string PercentEncode(string message)
    {
        var builder = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            builder.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? (char)b : $"%{b:X2}");
        }

        return builder.ToString();
    }
}
