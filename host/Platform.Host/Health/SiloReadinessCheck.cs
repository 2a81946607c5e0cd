using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Host.Health;

/// <summary>Ready while the local silo is an active member of its cluster.</summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle oracle) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["silo"] = oracle.SiloAddress.ToString() };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy("The silo is active.", data)
            : HealthCheckResult.Unhealthy($"The silo is {status}, not active.", data: data));
    }
}
