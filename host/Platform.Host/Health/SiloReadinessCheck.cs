using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Platform.Host.Health;

/// <summary>
/// Ready while the local silo is an active member of its cluster, both in its own view and in the stored membership
/// table that other silos (and joining ones) read; the data says how many members are active.
/// </summary>
internal sealed class SiloReadinessCheck(ISiloStatusOracle oracle, IClusterMembershipService membership, IMembershipTable table) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = oracle.CurrentStatus;
        var active = membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["silo"] = oracle.SiloAddress.ToString(), ["activeSilos"] = active };
        if (status != SiloStatus.Active)
        {
            return HealthCheckResult.Unhealthy($"The silo is {status}, not an active member.", data: data);
        }

        // The silo's own view lives in memory and outlasts a membership table that lost its data (a Redis flushed or
        // restarted without persistence): other silos would no longer see this one, so it must not pass for ready.
        MembershipTableData stored;
        try
        {
            stored = await table.ReadAllAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The membership table cannot be read: {e.Message}", e, data);
        }

        var own = stored.Members.Select(m => m.Item1).FirstOrDefault(m => m.SiloAddress.Equals(oracle.SiloAddress));
        return own?.Status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"The silo is an active member of a cluster of {active}.", data)
            : HealthCheckResult.Unhealthy($"The membership table lists this silo as {own?.Status.ToString() ?? "missing"}, so other silos cannot reach it; restart it to join again.", data: data);
    }
}
