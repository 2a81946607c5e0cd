using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Platform.Grains.Access;

namespace Platform.Host.Access;

/// <summary>
/// The authorization policies the API's services and methods name in <c>[Authorize(Policy = …)]</c>: the least role a call
/// needs (viewer &lt; operator &lt; admin), and whether an app key may make it (for its own integration only, which the
/// method checks with <see cref="CallerScope.RequireIntegration"/>).
/// </summary>
internal static class AccessPolicy
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";
    public const string ViewerOrApp = "viewer-or-app";
    public const string OperatorOrApp = "operator-or-app";
    public const string AdminOrApp = "admin-or-app";

    /// <summary>Any valid key, an app's included.</summary>
    public const string AnyKey = "any-key";

    public static void Add(AuthorizationOptions options)
    {
        Add(options, Viewer, ApiKeyRole.Viewer, allowsApp: false);
        Add(options, Operator, ApiKeyRole.Operator, allowsApp: false);
        Add(options, Admin, ApiKeyRole.Admin, allowsApp: false);
        Add(options, ViewerOrApp, ApiKeyRole.Viewer, allowsApp: true);
        Add(options, OperatorOrApp, ApiKeyRole.Operator, allowsApp: true);
        Add(options, AdminOrApp, ApiKeyRole.Admin, allowsApp: true);
        Add(options, AnyKey, ApiKeyRole.Viewer, allowsApp: true);

        // Fail closed: an endpoint nobody marked (a new service, an unknown method) needs an admin key.
        options.FallbackPolicy = options.GetPolicy(Admin);
    }

    private static void Add(AuthorizationOptions options, string name, ApiKeyRole least, bool allowsApp) =>
        options.AddPolicy(name, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(new RoleRequirement(least, allowsApp)));
}

/// <summary>The least staff role a call needs, and whether app keys may make it.</summary>
internal sealed class RoleRequirement(ApiKeyRole least, bool allowsApp) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public ApiKeyRole Least { get; } = least;

    public bool AllowsApp { get; } = allowsApp;

    /// <summary>What the call needs, for the refusal message.</summary>
    public string Needs => $"the {AccessRoles.Name(Least)} role{(AllowsApp ? " or an app key" : "")}";

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (AccessRoles.Of(context.User) is { } role && (role == ApiKeyRole.App ? requirement.AllowsApp : role >= requirement.Least))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Role names as they appear in claims and messages.</summary>
internal static class AccessRoles
{
    public static string Name(ApiKeyRole role) => role.ToString().ToLowerInvariant();

    public static ApiKeyRole? Of(ClaimsPrincipal user) =>
        user.FindFirst(ClaimTypes.Role)?.Value is { } name && Enum.TryParse<ApiKeyRole>(name, ignoreCase: true, out var role) ? role : null;
}
