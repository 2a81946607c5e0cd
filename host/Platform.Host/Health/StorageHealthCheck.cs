using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Host.Storage;

namespace Platform.Host.Health;

/// <summary>Ready while the configured storage (the embedded database or PostgreSQL) answers a query.</summary>
internal sealed class StorageHealthCheck(IStorageProbe storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = storage.Provider, ["target"] = storage.Target };
        try
        {
            await storage.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy($"The {storage.Provider} storage answers.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The {storage.Provider} storage does not answer: {ex.Message}", ex, data);
        }
    }
}
