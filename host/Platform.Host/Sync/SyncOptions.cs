using Microsoft.Extensions.Options;
using Platform.Grains.Integrations;

namespace Platform.Host.Sync;

/// <summary>Checks <c>Platform:Sync</c> at start-up.</summary>
internal sealed class SyncEngineOptionsValidator : IValidateOptions<SyncEngineOptions>
{
    public ValidateOptionsResult Validate(string? name, SyncEngineOptions options)
    {
        var failures = new List<string>();
        if (options.OverlapWindow < TimeSpan.Zero || options.OverlapWindow > TimeSpan.FromHours(1))
        {
            failures.Add($"Platform:Sync:OverlapWindow must be between 0 and 01:00:00 (got {options.OverlapWindow}).");
        }

        if (options.SalesforcePageSize is < 200 or > 2000)
        {
            failures.Add($"Platform:Sync:SalesforcePageSize must be between 200 and 2000 (got {options.SalesforcePageSize}).");
        }

        if (options.BulkWriteThreshold is < 200 or > 1_000_000)
        {
            failures.Add($"Platform:Sync:BulkWriteThreshold must be between 200 and 1000000 (got {options.BulkWriteThreshold}).");
        }

        if (options.BulkJobSize is < 1000 or > 100_000)
        {
            failures.Add($"Platform:Sync:BulkJobSize must be between 1000 and 100000 (got {options.BulkJobSize}).");
        }

        if (options.CreateBatchSize is < 200 or > 100_000)
        {
            failures.Add($"Platform:Sync:CreateBatchSize must be between 200 and 100000 (got {options.CreateBatchSize}).");
        }

        if (options.AppPageSize is < 1 or > 10_000)
        {
            failures.Add($"Platform:Sync:AppPageSize must be between 1 and 10000 (got {options.AppPageSize}).");
        }

        if (options.MinimumInterval <= TimeSpan.Zero)
        {
            failures.Add($"Platform:Sync:MinimumInterval must be positive (got {options.MinimumInterval}).");
        }

        if (options.KeepAlivePeriod < TimeSpan.FromSeconds(1))
        {
            failures.Add($"Platform:Sync:KeepAlivePeriod must be at least 00:00:01 (got {options.KeepAlivePeriod}).");
        }

        if (options.ProgressInterval < TimeSpan.Zero)
        {
            failures.Add($"Platform:Sync:ProgressInterval must not be negative (got {options.ProgressInterval}).");
        }

        if (options.BudgetRecheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"Platform:Sync:BudgetRecheckInterval must be positive (got {options.BudgetRecheckInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
