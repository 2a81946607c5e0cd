using System.Security.Cryptography.X509Certificates;

namespace Platform.Client;

/// <summary>Where the platform is and how to authenticate to it.</summary>
public sealed class PlatformClientOptions
{
    /// <summary>The gRPC endpoint of any silo, <c>http://…</c> or <c>https://…</c>. Default: <c>http://127.0.0.1:50051</c>.</summary>
    public Uri Address { get; set; } = new("http://127.0.0.1:50051");

    /// <summary>The API key sent as <c>authorization: Bearer …</c> on every call. Default: none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// For an https endpoint with a certificate the machine does not trust (self-signed): accept exactly this one.
    /// Default: none, and the usual certificate validation applies.
    /// </summary>
    public X509Certificate2? TrustedServerCertificate { get; set; }

    /// <summary>The transport under the channel, for callers that need their own (proxies, tests). Default: a new <see cref="SocketsHttpHandler"/>.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }
}
