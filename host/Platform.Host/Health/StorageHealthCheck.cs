using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.Storage.Sqlite;

namespace Platform.Host.Health;

/// <summary>Ready while the embedded database answers a query.</summary>
internal sealed class StorageHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = "Sqlite", ["path"] = database.DatabasePath };
        try
        {
            await database.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy("The embedded database answers.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The embedded database does not answer: {ex.Message}", ex, data);
        }
    }
}
