using Platform.Host.Configuration;

namespace Platform.Host.Gateway;

internal static class GatewayExtensions
{
    /// <summary>The app gateway: its options, and the signals between write streams and the clients that queue writes.</summary>
    public static WebApplicationBuilder AddPlatformAppGateway(this WebApplicationBuilder builder)
    {
        builder.AddValidatedOptions<GatewayOptions, GatewayOptionsValidator>(GatewayOptions.SectionName);
        builder.Services.AddSingleton<GatewayHub>();
        return builder;
    }

    public static WebApplication MapPlatformAppGateway(this WebApplication app)
    {
        app.MapGrpcService<AppGatewayService>();
        return app;
    }
}
