using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Host.Health;

internal static class HealthExtensions
{
    private const string Live = "live";

    /// <summary>The tag of checks that readiness includes.</summary>
    internal const string Ready = "ready";

    /// <summary>
    /// Liveness (<c>/healthz</c>) says only that the process is up, so a shared outage never restarts every instance;
    /// readiness (<c>/readyz</c> and gRPC <c>grpc.health.v1</c>) covers the silo, storage and plugins.
    /// </summary>
    public static WebApplicationBuilder AddPlatformHealthChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy("The process is up."), tags: [Live])
            .AddCheck<SiloReadinessCheck>("silo", tags: [Ready])
            .AddCheck<StorageHealthCheck>("storage", tags: [Ready])
            .AddCheck<PluginsHealthCheck>("plugins", tags: [Ready]);
        builder.Services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map("", r => r.Tags.Contains(Ready));
            options.Services.Map("platform.control.v1.ConnectorService", r => r.Tags.Contains(Ready));
        });
        return builder;
    }

    public static WebApplication MapPlatformHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Live), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Ready), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapGrpcHealthChecksService().AllowAnonymous();
        return app;
    }
}
