using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Host.Health;

/// <summary>Ready while the local silo is an active member of its cluster; the data says how many members are active.</summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle oracle, IClusterMembershipService membership) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["silo"] = oracle.SiloAddress.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"The silo is an active member of a cluster of {active}.", data)
            : HealthCheckResult.Unhealthy($"The silo is {status}, not an active member.", data: data));
    }
}
