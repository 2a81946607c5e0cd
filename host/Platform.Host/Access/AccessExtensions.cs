using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Platform.Host.Configuration;
using Platform.Host.Storage;

namespace Platform.Host.Access;

internal static class AccessExtensions
{
    /// <summary>
    /// API keys with roles on the control API and the app gateway: each call is authenticated by its key and authorized by
    /// the policy its method names (<see cref="AccessPolicy"/>); anything unmarked needs an admin key. Health and metrics
    /// stay open (they are mapped anonymous).
    /// </summary>
    public static WebApplicationBuilder AddPlatformAccess(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<AccessOptions, AccessOptionsValidator>(AccessOptions.SectionName);
        builder.Services.AddSingleton(new FirstAdminKeyPath(Path.GetFullPath(options.FirstAdminKeyPath ?? DefaultFirstAdminKeyPath(builder), builder.Environment.ContentRootPath)));
        builder.Services.AddSingleton<HostApiKey>();
        builder.Services.AddSingleton<ApiKeyDirectory>();
        builder.Services.AddHostedService<ApiKeyUsageReporter>();
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, FirstAdminKey>();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization(AccessPolicy.Add);
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        return builder;
    }

    public static WebApplication UsePlatformAccess(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    private static string DefaultFirstAdminKeyPath(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        return storage.ProviderKind == StorageProvider.Sqlite
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Sqlite.Path, builder.Environment.ContentRootPath))!, "admin.key")
            : Path.Combine("data", "admin.key");
    }
}
