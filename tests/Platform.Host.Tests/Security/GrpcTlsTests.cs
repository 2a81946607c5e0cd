using Grpc.Core;
using Platform.Client;
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
        using var pinned = new PlatformClient(new PlatformClientOptions { Address = new Uri($"https://{address}"), TrustedServerCertificate = certificate, ApiKey = host.AdminKey });
        using var cleartext = new PlatformClient(new PlatformClientOptions { Address = new Uri($"http://{address}"), ApiKey = host.AdminKey });

        // The certificate is self-signed: only the pinned one passes validation, so an answer proves it was presented.
        var connectors = await pinned.Connectors.ListConnectorsAsync(new ListConnectorsRequest());
        var refused = await Should.ThrowAsync<RpcException>(() => cleartext.Connectors.ListConnectorsAsync(new ListConnectorsRequest()).ResponseAsync);

        connectors.Connectors.ShouldNotBeEmpty();
        refused.StatusCode.ShouldBe(StatusCode.Unavailable);
    }
}
