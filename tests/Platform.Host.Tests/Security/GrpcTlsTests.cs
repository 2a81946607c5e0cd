using Grpc.Core;
using Grpc.Net.Client;
using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

public sealed class GrpcTlsTests
{
    [Fact]
    public async Task GrpcEndpoint_HttpsWithACertificate_ServesOverTlsWithThatCertificateAndRefusesCleartext()
    {
        using var data = new TempDirectory();
        var (path, certificate) = TestCertificates.WritePfx(data.Path, "grpc", "pfx-password");
        await using var host = await RunningHost.StartAsync(data.Path, null,
            "Platform:Endpoints:Grpc=https://127.0.0.1:0", $"Platform:Endpoints:GrpcCertificatePath={path}", "Platform:Endpoints:GrpcCertificatePassword=pfx-password");
        var address = host.Channel.Target;
        string? presented = null;
        using var trusting = GrpcChannel.ForAddress($"https://{address}", new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, server, _, _) => (presented = server?.GetCertHashString()) == certificate.GetCertHashString() },
            },
        });
        using var cleartext = GrpcChannel.ForAddress($"http://{address}");

        var connectors = await new ConnectorService.ConnectorServiceClient(trusting).ListConnectorsAsync(new ListConnectorsRequest());
        var refused = await Should.ThrowAsync<RpcException>(() => new ConnectorService.ConnectorServiceClient(cleartext).ListConnectorsAsync(new ListConnectorsRequest()).ResponseAsync);

        connectors.Connectors.ShouldNotBeEmpty();
        presented.ShouldBe(certificate.GetCertHashString());
        refused.StatusCode.ShouldBe(StatusCode.Unavailable);
    }
}
