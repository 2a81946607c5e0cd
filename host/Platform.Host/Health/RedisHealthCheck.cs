using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Host.Cluster;

namespace Platform.Host.Health;

/// <summary>Ready while Redis (membership, reminders, signals) answers a ping.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await redis.GetAsync().WaitAsync(cancellationToken);
            var latency = await multiplexer.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy("Redis answers.", new Dictionary<string, object> { ["latencyMs"] = latency.TotalMilliseconds });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"Redis does not answer: {ex.Message}", ex);
        }
    }
}
