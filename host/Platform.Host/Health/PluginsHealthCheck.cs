using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Host.Plugins;

namespace Platform.Host.Health;

/// <summary>
/// Reports each connector plugin. A failed plugin degrades readiness without failing it: the host keeps serving
/// everything else, and the detail says which plugin failed and why.
/// </summary>
internal sealed class PluginsHealthCheck(ConnectorCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = catalog.Connectors.ToDictionary(
            c => c.Location,
            c => (object)(c.Status == ConnectorLoadStatus.Loaded ? $"{c.Id}: loaded" : $"{c.Id}: failed: {c.FailureReason}"));
        var failed = catalog.Connectors.Where(c => c.Status == ConnectorLoadStatus.Failed).ToList();
        var loaded = catalog.Connectors.Count - failed.Count;

        if (catalog.Connectors.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"No connector plugins were found in {catalog.Directory}.", data: data));
        }

        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy($"All {loaded} connector plugins loaded.", data)
            : HealthCheckResult.Degraded(
                $"{failed.Count} of {catalog.Connectors.Count} connector plugins failed to load: {string.Join("; ", failed.Select(f => $"{f.Id}: {f.FailureReason}"))}",
                data: data));
    }
}
