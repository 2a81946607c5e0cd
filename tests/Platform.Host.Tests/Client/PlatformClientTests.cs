using System.Collections.Concurrent;
using Platform.Client;
using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Client;

public sealed class PlatformClientTests
{
    [Fact]
    public async Task PlatformClient_WithAnApiKey_ReachesTheHostsServicesAndSendsTheKeyOnEveryCall()
    {
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);
        var sent = new ConcurrentQueue<string?>();
        using var platform = new PlatformClient(new PlatformClientOptions
        {
            Address = new Uri($"http://{host.Channel.Target}"),
            ApiKey = host.AdminKey,
            HttpHandler = new Recording(sent),
        });

        var connectors = await platform.Connectors.ListConnectorsAsync(new ListConnectorsRequest());
        var instances = await platform.Instances.ListInstancesAsync(new ListInstancesRequest());
        var integrations = await platform.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest());

        connectors.Connectors.ShouldNotBeEmpty();
        (instances.Instances.Count, integrations.Integrations.Count).ShouldBe((0, 0));
        sent.ShouldBe(Enumerable.Repeat($"Bearer {host.AdminKey}", 3));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:50051", null, "Address must be an absolute http or https URL")]
    [InlineData("http://127.0.0.1:50051", "has space", "ApiKey must not be blank or contain whitespace")]
    [InlineData("http://127.0.0.1:50051", "", "ApiKey must not be blank or contain whitespace")]
    public void PlatformClient_InvalidOptions_ThrowsNamingTheOption(string address, string? apiKey, string message) =>
        Should.Throw<ArgumentException>(() => new PlatformClient(new PlatformClientOptions { Address = new Uri(address), ApiKey = apiKey })).Message.ShouldStartWith(message);

    /// <summary>The real transport, noting the authorization header of each request.</summary>
    private sealed class Recording(ConcurrentQueue<string?> sent) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(request.Headers.Authorization?.ToString());
            return base.SendAsync(request, cancellationToken);
        }
    }
}
