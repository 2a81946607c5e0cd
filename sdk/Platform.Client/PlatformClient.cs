using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Platform.Control.V1;
using Platform.Gateway.V1;

namespace Platform.Client;

/// <summary>
/// The platform's control API and app gateway over one gRPC channel. Create one per process and share it: it is thread
/// safe and keeps its HTTP/2 connection open. Every call carries the configured API key.
/// </summary>
/// <example><code>
/// using var platform = new PlatformClient(new PlatformClientOptions { Address = new("http://127.0.0.1:50051"), ApiKey = key });
/// var integrations = await platform.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest());
/// </code></example>
public sealed class PlatformClient : IDisposable
{
    private readonly GrpcChannel _channel;

    /// <summary>Opens a channel to <see cref="PlatformClientOptions.Address"/>; nothing connects until the first call.</summary>
    /// <param name="options">Where and how; see its defaults.</param>
    /// <exception cref="ArgumentException">The address is not http(s) or the API key is blank or contains whitespace.</exception>
    public PlatformClient(PlatformClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Address.IsAbsoluteUri || options.Address.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"Address must be an absolute http or https URL (got '{options.Address}').", nameof(options));
        }

        if (options.ApiKey is { } key && (key.Length == 0 || key.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("ApiKey must not be blank or contain whitespace.", nameof(options));
        }

        _channel = GrpcChannel.ForAddress(options.Address, new GrpcChannelOptions { HttpHandler = Handler(options), DisposeHttpClient = true });
        var invoker = options.ApiKey is { } apiKey
            ? _channel.Intercept(metadata =>
            {
                metadata.Add("authorization", $"Bearer {apiKey}");
                return metadata;
            })
            : _channel.CreateCallInvoker();
        Instances = new InstanceService.InstanceServiceClient(invoker);
        Connectors = new ConnectorService.ConnectorServiceClient(invoker);
        Integrations = new IntegrationService.IntegrationServiceClient(invoker);
        Pairs = new PairService.PairServiceClient(invoker);
        Entries = new EntryService.EntryServiceClient(invoker);
        Matching = new MatchingService.MatchingServiceClient(invoker);
        Lookups = new LookupService.LookupServiceClient(invoker);
        Gateway = new AppGateway.AppGatewayClient(invoker);
        ApiKeys = new ApiKeyService.ApiKeyServiceClient(invoker);
    }

    /// <summary>Salesforce instances (org connections): create, update, test, list.</summary>
    public InstanceService.InstanceServiceClient Instances { get; }

    /// <summary>The loaded connector plugins and their state.</summary>
    public ConnectorService.ConnectorServiceClient Connectors { get; }

    /// <summary>Integrations and their mappings: create, sync now, pause, resume, watch events.</summary>
    public IntegrationService.IntegrationServiceClient Integrations { get; }

    /// <summary>Paired records, the sync log and retries.</summary>
    public PairService.PairServiceClient Pairs { get; }

    /// <summary>Entries received from Salesforce and the review queue.</summary>
    public EntryService.EntryServiceClient Entries { get; }

    /// <summary>The matching wizard for an integration's first sync.</summary>
    public MatchingService.MatchingServiceClient Matching { get; }

    /// <summary>Record lookups and user connections.</summary>
    public LookupService.LookupServiceClient Lookups { get; }

    /// <summary>The app gateway, for apps that push records and take writes instead of being polled.</summary>
    public AppGateway.AppGatewayClient Gateway { get; }

    /// <summary>API keys: create, list and revoke them (admin keys only), and which key this client uses.</summary>
    public ApiKeyService.ApiKeyServiceClient ApiKeys { get; }

    /// <summary>Closes the channel.</summary>
    public void Dispose() => _channel.Dispose();

    private static HttpMessageHandler Handler(PlatformClientOptions options)
    {
        if (options.HttpHandler is { } handler)
        {
            return handler;
        }

        var sockets = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        if (options.TrustedServerCertificate is { } trusted)
        {
            var thumbprint = trusted.GetCertHashString();
            sockets.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint;
        }

        return sockets;
    }
}
