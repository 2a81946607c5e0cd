namespace Platform.Testing;

/// <summary>A grain with persistent state in the default storage, for tests of storage and restarts.</summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task<ProbeState> GetAsync();

    Task SetAsync(string value);
}

[GenerateSerializer, Alias("platform.testing.probe-state")]
public sealed record ProbeState
{
    [Id(0)]
    public string? Value { get; init; }

    [Id(1)]
    public int Writes { get; init; }
}

public sealed class ProbeGrain([PersistentState("probe")] IPersistentState<ProbeState> state) : Grain, IProbeGrain
{
    public Task<ProbeState> GetAsync() => Task.FromResult(state.State);

    public async Task SetAsync(string value)
    {
        state.State = new ProbeState { Value = value, Writes = state.State.Writes + 1 };
        await state.WriteStateAsync();
    }
}
