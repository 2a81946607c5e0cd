using Platform.Host.Access;

namespace Platform.Host.ControlApi;

internal static class ControlApiExtensions
{
    /// <summary>The gRPC control API, with server reflection so generic tools can discover it.</summary>
    public static WebApplicationBuilder AddPlatformControlApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc();
        builder.Services.AddGrpcReflection();
        return builder;
    }

    public static WebApplication MapPlatformControlApi(this WebApplication app)
    {
        app.MapGrpcService<ConnectorApiService>();
        app.MapGrpcService<InstanceApiService>();
        app.MapGrpcService<IntegrationApiService>();
        app.MapGrpcService<PairApiService>();
        app.MapGrpcService<EntryApiService>();
        app.MapGrpcService<LookupApiService>();
        app.MapGrpcService<MatchingApiService>();
        app.MapGrpcService<ApiKeyApiService>();
        app.MapGrpcReflectionService().RequireAuthorization(AccessPolicy.AnyKey);
        return app;
    }
}
