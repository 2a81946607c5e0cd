using System.Net;
using System.Text.Json;
using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Cluster;

/// <summary>A silo process on PostgreSQL and Redis in containers, each server stopped for a while and started again.</summary>
public sealed class ServerOutageTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Silo_RedisThenPostgresStopAndReturn_NotReadyNamingTheServerThenReadyAndServingAgain()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var (postgres, database) = await LoopbackContainers.StartPostgresAsync();
        await using var _ = postgres;
        var (redis, redisConnection) = await LoopbackContainers.StartRedisAsync();
        await using var __ = redis;
        await using var cluster = LoopbackCluster.On(database, redisConnection);
        var silo = await cluster.AddSiloAsync();
        using var http = new HttpClient { BaseAddress = silo.Process.BaseUrl };
        await silo.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest(), cancellationToken: cancellationToken);

        foreach (var (server, check) in new[] { (redis, "redis"), (postgres, "storage") })
        {
            await server.StopAsync(cancellationToken);
            await Eventually.ThatAsync(async () => await UnhealthyChecksAsync(http) is { } failing && failing.Contains(check), Patience, () => DescribeAsync(http, silo, $"readiness never named '{check}' while it was down"), cancellationToken);
            (await http.GetAsync("/healthz", cancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

            await server.StartAsync(cancellationToken);
            await Eventually.ThatAsync(async () => await UnhealthyChecksAsync(http) is [], Patience, () => DescribeAsync(http, silo, $"the silo never became ready again after '{check}' came back"), cancellationToken);
        }

        await silo.Instances.ListInstancesAsync(new ListInstancesRequest(), cancellationToken: cancellationToken);
    }

    [Fact]
    public async Task Silo_RedisLosesItsData_NotReadySayingTheMembershipTableLostIt()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var (postgres, database) = await LoopbackContainers.StartPostgresAsync();
        await using var _ = postgres;
        var (redis, redisConnection) = await LoopbackContainers.StartRedisAsync();
        await using var __ = redis;
        await using var cluster = LoopbackCluster.On(database, redisConnection);
        var silo = await cluster.AddSiloAsync();
        using var http = new HttpClient { BaseAddress = silo.Process.BaseUrl };

        var flushed = await redis.ExecAsync(["redis-cli", "-p", redisConnection.Split(':')[1], "flushall"], cancellationToken);

        flushed.ExitCode.ShouldBe(0, flushed.Stderr);
        await Eventually.ThatAsync(async () => await UnhealthyChecksAsync(http) is ["silo"], Patience, () => DescribeAsync(http, silo, "readiness never noticed that the membership table lost the silo"), cancellationToken);
    }

    /// <summary>The names of the readiness checks that fail; empty when <c>/readyz</c> answers 200.</summary>
    private static async Task<IReadOnlyList<string>> UnhealthyChecksAsync(HttpClient http)
    {
        using var response = await http.GetAsync("/readyz");
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var failing = report.GetProperty("checks").EnumerateArray()
            .Where(c => c.GetProperty("status").GetString() != "Healthy")
            .Select(c => c.GetProperty("name").GetString()!)
            .ToList();
        (response.StatusCode == HttpStatusCode.OK).ShouldBe(failing.Count == 0, $"/readyz answered {response.StatusCode} with failing checks [{string.Join(", ", failing)}]");
        return failing;
    }

    private static async Task<string> DescribeAsync(HttpClient http, LoopbackCluster.Silo silo, string failure)
    {
        using var response = await http.GetAsync("/readyz");
        return $"{failure}. /readyz: {await response.Content.ReadAsStringAsync()}\nSilo output:\n{silo.Process.Output}";
    }
}
