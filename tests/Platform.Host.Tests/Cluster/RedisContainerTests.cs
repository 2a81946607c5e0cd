using DotNet.Testcontainers.Containers;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Platform.Host.Cluster;
using Platform.Host.Health;
using Platform.Testing;

namespace Platform.Host.Tests.Cluster;

/// <summary>Cluster signals and the Redis readiness check on a Redis of their own in a container, stopped and started again.</summary>
public sealed class RedisContainerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ClusterSignals_PublishedOnOneSilo_HeardByTheOtherSiloNotBySender()
    {
        var (container, redis) = await StartAsync();
        await using var _ = container;
        await using var first = await SignalsAsync(redis, "svc");
        await using var second = await SignalsAsync(redis, "svc");

        await first.PublishUntilHeardAsync(second, "42");
        second.Publish("written", "from second");

        (await first.NextAsync()).ShouldBe("from second");
        first.Heard.ShouldBe(["from second"]);
        second.Heard.ShouldAllBe(m => m == "42");
    }

    [Fact]
    public async Task ClusterSignals_OtherServiceOnTheSameRedis_NeverHeard()
    {
        var (container, redis) = await StartAsync();
        await using var _ = container;
        await using var ours = await SignalsAsync(redis, "svc-a");
        await using var theirs = await SignalsAsync(redis, "svc-b");
        await using var ourOther = await SignalsAsync(redis, "svc-a");

        theirs.Publish("written", "theirs");
        await ours.PublishUntilHeardAsync(ourOther, "ours");

        ourOther.Heard.ShouldAllBe(m => m == "ours");
    }

    [Fact]
    public async Task ClusterSignals_RedisRestarts_SignalsFlowAgain()
    {
        var (container, redis) = await StartAsync();
        await using var _ = container;
        await using var first = await SignalsAsync(redis, "svc");
        await using var second = await SignalsAsync(redis, "svc");
        await first.PublishUntilHeardAsync(second, "before");

        await container.StopAsync(TestContext.Current.CancellationToken);
        await container.StartAsync(TestContext.Current.CancellationToken);

        await first.PublishUntilHeardAsync(second, "after");
    }

    [Fact]
    public async Task RedisHealthCheck_RedisStopsAndReturns_UnhealthyThenHealthy()
    {
        var (container, redis) = await StartAsync();
        await using var _ = container;
        await using var connection = new RedisConnection(redis);
        var check = new RedisHealthCheck(connection);
        (await CheckAsync(check)).Status.ShouldBe(HealthStatus.Healthy);

        await container.StopAsync(TestContext.Current.CancellationToken);
        var down = await CheckAsync(check);
        await container.StartAsync(TestContext.Current.CancellationToken);

        down.Status.ShouldBe(HealthStatus.Unhealthy);
        down.Description.ShouldNotBeNull().ShouldStartWith("Redis does not answer");
        await Eventually.ThatAsync(async () => (await CheckAsync(check)).Status == HealthStatus.Healthy, Patience, "Redis readiness never came back after Redis did");
    }

    private static async Task<(IContainer Container, string Redis)> StartAsync()
    {
        if (await DockerEngine.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        return await LoopbackContainers.StartRedisAsync();
    }

    private static async Task<HealthCheckResult> CheckAsync(RedisHealthCheck check)
    {
        // A stopped Redis is noticed by the connection first; the check then fails fast rather than timing out.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            return await check.CheckHealthAsync(new HealthCheckContext(), timeout.Token);
        }
        catch (OperationCanceledException e)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer: the check timed out", e);
        }
    }

    private static async Task<Listener> SignalsAsync(string redis, string serviceId)
    {
        var connection = new RedisConnection(redis);
        var signals = new RedisClusterSignals(connection, serviceId, NullLogger<RedisClusterSignals>.Instance);
        var listener = new Listener(connection, signals);
        signals.Subscribe("written", listener.Receive);
        await signals.StartAsync(TestContext.Current.CancellationToken);
        return listener;
    }

    /// <summary>One silo's signals, with what it heard on the "written" channel.</summary>
    private sealed class Listener(RedisConnection connection, RedisClusterSignals signals) : IAsyncDisposable
    {
        private readonly System.Threading.Channels.Channel<string> _heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly List<string> _all = [];

        public IReadOnlyList<string> Heard
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        public void Receive(string message)
        {
            lock (_all)
            {
                _all.Add(message);
            }

            _heard.Writer.TryWrite(message);
        }

        public void Publish(string channel, string message) => signals.Publish(channel, message);

        public async Task<string> NextAsync() => await _heard.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience);

        /// <summary>
        /// Publishes <paramref name="message"/> on "written" until <paramref name="other"/> hears it. Signals are at most once: one sent
        /// while the connection is still (re)subscribing is lost by design, so the test repeats rather than sleeps.
        /// </summary>
        public async Task PublishUntilHeardAsync(Listener other, string message) =>
            await Eventually.ThatAsync(
                async () =>
                {
                    Publish("written", message);
                    using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
                    try
                    {
                        while (await other._heard.Reader.ReadAsync(wait.Token) != message)
                        {
                        }

                        return true;
                    }
                    catch (OperationCanceledException)
                    {
                        return false;
                    }
                },
                Patience,
                $"'{message}' was never heard on the other silo");

        public async ValueTask DisposeAsync()
        {
            await signals.StopAsync(CancellationToken.None);
            await connection.DisposeAsync();
        }
    }
}
