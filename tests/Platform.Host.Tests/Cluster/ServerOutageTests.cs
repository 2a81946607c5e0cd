using System.Net;
using System.Text.Json;
using DotNet.Testcontainers.Containers;
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
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var servers = await SiloOnServers.StartAsync();
        var (silo, http) = (servers.Silo, servers.Http);
        await silo.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest(), cancellationToken: cancellationToken);

        foreach (var (server, check) in new[] { (servers.Redis, "redis"), (servers.Postgres, "storage") })
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
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var servers = await SiloOnServers.StartAsync();
        var (silo, http) = (servers.Silo, servers.Http);

        var flushed = await servers.Redis.ExecAsync(["redis-cli", "-p", servers.RedisConnection.Split(':')[1], "flushall"], cancellationToken);

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

    /// <summary>One silo process on a PostgreSQL and a Redis container of its own; skips the test when no Docker engine answers.</summary>
    private sealed class SiloOnServers : IAsyncDisposable
    {
        private LoopbackCluster? _cluster;

        private SiloOnServers(IContainer postgres, IContainer redis, string redisConnection)
        {
            Postgres = postgres;
            Redis = redis;
            RedisConnection = redisConnection;
        }

        public IContainer Postgres { get; }

        public IContainer Redis { get; }

        public string RedisConnection { get; }

        public LoopbackCluster.Silo Silo { get; private set; } = null!;

        public HttpClient Http { get; private set; } = null!;

        public static async Task<SiloOnServers> StartAsync()
        {
            if (await DockerEngine.UnavailableReasonAsync() is { } reason)
            {
                Assert.Skip(reason);
            }

            var (postgres, database) = await LoopbackContainers.StartPostgresAsync();
            var (redis, redisConnection) = await LoopbackContainers.StartRedisAsync();
            var servers = new SiloOnServers(postgres, redis, redisConnection) { _cluster = LoopbackCluster.On(database, redisConnection) };
            try
            {
                servers.Silo = await servers._cluster.AddSiloAsync();
                servers.Http = new HttpClient { BaseAddress = servers.Silo.Process.BaseUrl };
                return servers;
            }
            catch
            {
                await servers.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Http?.Dispose();
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }

            await Redis.DisposeAsync();
            await Postgres.DisposeAsync();
        }
    }
}
