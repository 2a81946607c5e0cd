using Microsoft.Extensions.Options;
using Platform.Host.Access;
using Platform.Host.Cluster;
using Platform.Host.ControlApi;
using Platform.Host.Endpoints;
using Platform.Host.Gateway;
using Platform.Host.Health;
using Platform.Host.Plugins;
using Platform.Host.Sandbox;
using Platform.Host.Secrets;
using Platform.Host.Silo;
using Platform.Host.Storage;
using Platform.Host.Sync;
using Platform.Host.Telemetry;

namespace Platform.Host;

/// <summary>The platform host: what runs in it, in the order it is set up.</summary>
public static class Program
{
    /// <summary>Runs the host until it is stopped.</summary>
    /// <param name="args">Command-line configuration, e.g. <c>--Platform:Endpoints:Grpc=http://127.0.0.1:50052</c>.</param>
    /// <returns>0 after a clean stop; 2 when the configuration is invalid.</returns>
    public static async Task<int> Main(string[] args)
    {
        try
        {
            await using var app = CreateApp(args);
            await app.RunAsync();
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"Invalid configuration: {string.Join(" ", ex.Failures)}");
            return 2;
        }
    }

    /// <summary>Builds the host without starting it.</summary>
    /// <param name="args">Command-line configuration.</param>
    /// <param name="configure">Last changes before the host is built (tests add log capture here). Default: none.</param>
    /// <returns>The application, ready to start.</returns>
    public static WebApplication CreateApp(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);

        builder.AddPlatformEndpoints();
        builder.AddPlatformSandbox();
        builder.AddPlatformPlugins();
        builder.AddPlatformStorage();
        builder.AddPlatformSecrets();
        builder.AddPlatformSilo();
        builder.AddPlatformCluster();
        builder.AddPlatformSync();
        builder.AddPlatformHealthChecks();
        builder.AddPlatformTelemetry();
        builder.AddPlatformAccess();
        builder.AddPlatformControlApi();
        builder.AddPlatformAppGateway();
        configure?.Invoke(builder);

        var app = builder.Build();

        app.UsePlatformAccess();
        app.MapPlatformHealthChecks();
        app.MapPlatformTelemetry();
        app.MapPlatformControlApi();
        app.MapPlatformAppGateway();

        return app;
    }
}
