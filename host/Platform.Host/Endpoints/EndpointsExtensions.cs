using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Platform.Host.Configuration;

namespace Platform.Host.Endpoints;

internal static class EndpointsExtensions
{
    /// <summary>
    /// Listens on two endpoints: gRPC on HTTP/2 only (TLS with a configured certificate) and health/metrics on HTTP/1.1
    /// only, because Kestrel cannot offer cleartext HTTP/2 and HTTP/1.1 on the same port.
    /// </summary>
    public static WebApplicationBuilder AddPlatformEndpoints(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<EndpointsOptions, EndpointsOptionsValidator>(EndpointsOptions.SectionName);
        var bound = new BoundEndpoints { GrpcTls = options.GrpcTls };
        builder.Services.AddSingleton(bound);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            bound.Grpc = Listen(kestrel, options.Grpc, HttpProtocols.Http2,
                options.GrpcTls ? OptionsValidation.LoadCertificate(options.GrpcCertificatePath!, options.GrpcCertificatePassword) : null);
            bound.Http = Listen(kestrel, options.Http, HttpProtocols.Http1, certificate: null);
        });
        return builder;
    }

    private static ListenOptions Listen(KestrelServerOptions kestrel, string url, HttpProtocols protocols, X509Certificate2? certificate)
    {
        var uri = new Uri(url);
        // "localhost" means the IPv4 loopback only: the platform never listens on anything but the address it is given.
        var address = uri.IsLoopback && !IPAddress.TryParse(uri.Host, out _) ? IPAddress.Loopback : IPAddress.Parse(uri.Host);
        ListenOptions? listen = null;
        kestrel.Listen(address, uri.Port, o =>
        {
            o.Protocols = protocols;
            if (certificate is not null)
            {
                o.UseHttps(certificate);
            }

            listen = o;
        });
        return listen!;
    }
}

/// <summary>The endpoints Kestrel listens on; after start-up their ports are the bound ones (useful with port 0).</summary>
public sealed class BoundEndpoints
{
    internal ListenOptions? Grpc { get; set; }

    internal ListenOptions? Http { get; set; }

    internal bool GrpcTls { get; init; }

    /// <summary>The gRPC endpoint's address, e.g. <c>http://127.0.0.1:50051</c> (<c>https</c> with TLS).</summary>
    public Uri GrpcAddress => ToUri(Grpc, GrpcTls ? "https" : "http");

    /// <summary>The HTTP/1.1 endpoint's address, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri HttpAddress => ToUri(Http, "http");

    private static Uri ToUri(ListenOptions? listen, string scheme) =>
        listen is null
            ? throw new InvalidOperationException("The server has not been configured yet.")
            : new Uri($"{scheme}://{listen.IPEndPoint!}");
}
