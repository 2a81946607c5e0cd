using Microsoft.Extensions.Logging;

namespace Platform.Grains.Instances;

[GenerateSerializer]
public sealed class InstanceGrainState
{
    [Id(0)] public InstanceConfig? Config { get; set; }

    [Id(1)] public InstanceStatus Status { get; set; } = new();
}

/// <inheritdoc cref="ISalesforceInstanceGrain" />
public sealed partial class SalesforceInstanceGrain(
    [PersistentState("instance")] IPersistentState<InstanceGrainState> state,
    SalesforceConnections connections,
    TimeProvider time,
    ILogger<SalesforceInstanceGrain> logger) : Grain, ISalesforceInstanceGrain
{
    public async Task<InstanceConfig> SaveAsync(InstanceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var saved = config with { Id = this.GetPrimaryKeyString(), Version = (state.State.Config?.Version ?? 0) + 1 };
        state.State.Config = saved;
        state.State.Status = state.State.Status with { BudgetShare = saved.BudgetShare };
        await state.WriteStateAsync();
        LogSaved(logger, saved.Id, saved.Version);
        return saved;
    }

    public Task<InstanceConfig?> GetAsync() => Task.FromResult(state.State.Config);

    public Task<InstanceStatus> GetStatusAsync() => Task.FromResult(state.State.Status);

    public async Task DeleteAsync()
    {
        connections.Forget(this.GetPrimaryKeyString());
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    public async Task<ConnectionTestResult> TestConnectionAsync()
    {
        var config = state.State.Config ?? throw new InvalidOperationException($"Instance '{this.GetPrimaryKeyString()}' does not exist.");
        var check = await connections.Get(config).CheckConnectionAsync([]);
        var now = time.GetUtcNow();
        var problems = check.Problems.Select(p => $"{p.Code}: {p.Message}").ToArray();
        state.State.Status = check.Succeeded
            ? state.State.Status with { Connected = true, LastConnectedAt = now, LastError = null, ApiUsed = check.Facts?.ApiUsed, ApiAllocated = check.Facts?.ApiAllocated }
            : state.State.Status with { Connected = false, LastError = string.Join("; ", problems), LastErrorAt = now };
        await state.WriteStateAsync();
        return new ConnectionTestResult(check.Succeeded, problems, check.Facts?.OrgId, check.Facts?.InstanceUrl.ToString(), check.Facts?.ApiUsed, check.Facts?.ApiAllocated);
    }

    public async Task ReportAsync(InstanceStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var merged = status with
        {
            LastConnectedAt = status.LastConnectedAt ?? state.State.Status.LastConnectedAt,
            LastError = status.Connected ? null : status.LastError ?? state.State.Status.LastError,
            LastErrorAt = status.LastErrorAt ?? state.State.Status.LastErrorAt,
            ApiUsed = status.ApiUsed ?? state.State.Status.ApiUsed,
            ApiAllocated = status.ApiAllocated ?? state.State.Status.ApiAllocated,
            BudgetShare = state.State.Config?.BudgetShare ?? status.BudgetShare,
        };
        if (merged != state.State.Status)
        {
            state.State.Status = merged;
            await state.WriteStateAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce instance {InstanceId} saved (version {Version})")]
    private static partial void LogSaved(ILogger logger, string instanceId, long version);
}
