using Grpc.Core;
using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Cluster;

/// <summary>API keys across silo processes (PostgreSQL and Redis on loopback): a key made on one silo works on every other, and a revocation reaches them all.</summary>
public sealed class ClusterAccessTests
{
    [Fact]
    public async Task ApiKey_CreatedOnOneSilo_WorksOnAnotherAtOnceAndIsRefusedThereSoonAfterItIsRevoked()
    {
        if (await LoopbackServers.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        await using var cluster = await LoopbackCluster.CreateAsync();
        var (first, second) = (await cluster.AddSiloAsync(), await cluster.AddSiloAsync());
        var earlier = await first.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "earlier", Role = ApiKeyRole.Viewer });
        using var earlierOnSecond = ApiKeyChannel.ForAddress(second.GrpcAddress, earlier.Secret);
        await new ApiKeyService.ApiKeyServiceClient(earlierOnSecond).GetCallerKeyAsync(new GetCallerKeyRequest());
        var created = await first.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "roaming", Role = ApiKeyRole.Viewer });
        using var onSecond = ApiKeyChannel.ForAddress(second.GrpcAddress, created.Secret);
        var keys = new ApiKeyService.ApiKeyServiceClient(onSecond);

        // The second silo read the keys (for "earlier") before this one existed: it must look again, not refuse.
        var whoami = await keys.GetCallerKeyAsync(new GetCallerKeyRequest());
        await first.Keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = created.Key.Id });

        // A silo re-reads its copy of the keys at least every 30 seconds; the revocation must arrive well before, by signal.
        whoami.Id.ShouldBe(created.Key.Id);
        await Eventually.ThatAsync(async () =>
        {
            try
            {
                await keys.GetCallerKeyAsync(new GetCallerKeyRequest());
                return false;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                return e.Status.Detail.Contains("was revoked", StringComparison.Ordinal);
            }
        }, TimeSpan.FromSeconds(5), "The second silo still accepts the key 5 seconds after it was revoked on the first.", TestContext.Current.CancellationToken);
    }
}
