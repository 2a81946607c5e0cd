using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Platform.Grains.Telemetry;
using Platform.Host.Configuration;

namespace Platform.Host.Telemetry;

internal static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry: the sync engine's metrics, Orleans' (activations, messaging) and ASP.NET Core's (requests), scraped
    /// in Prometheus format from <c>/metrics</c>; traces of sync cycles and incoming calls. Both also go to an OTLP
    /// collector when <c>Platform:Telemetry:OtlpEndpoint</c> names one.
    /// </summary>
    public static WebApplicationBuilder AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        var otlp = options.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("platform-host"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SyncMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel");
                metrics.AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(SyncMetrics.ActivitySourceName, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application");
                tracing.AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"));
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(exporter => exporter.Endpoint = otlp);
                }
            });
        return builder;
    }

    /// <summary>Serves <c>/metrics</c> (Prometheus text format) on the HTTP endpoint, unauthenticated like health.</summary>
    public static WebApplication MapPlatformTelemetry(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        return app;
    }
}
