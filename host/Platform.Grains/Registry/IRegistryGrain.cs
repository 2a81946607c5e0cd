namespace Platform.Grains.Registry;

/// <summary>The deployment's list of instances and integrations (key 0), so they can be listed and restarted after a restart.</summary>
public interface IRegistryGrain : IGrainWithIntegerKey
{
    Task AddAsync(RegistryKind kind, string id);

    Task RemoveAsync(RegistryKind kind, string id);

    Task<IReadOnlyList<string>> ListAsync(RegistryKind kind);
}

[GenerateSerializer]
public enum RegistryKind
{
    Instance,
    Integration,
}

[GenerateSerializer]
public sealed class RegistryState
{
    [Id(0)] public SortedSet<string> Instances { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public SortedSet<string> Integrations { get; set; } = new(StringComparer.Ordinal);
}

/// <inheritdoc cref="IRegistryGrain" />
public sealed class RegistryGrain([PersistentState("registry")] IPersistentState<RegistryState> state) : Grain, IRegistryGrain
{
    public async Task AddAsync(RegistryKind kind, string id)
    {
        if (Set(kind).Add(id))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(RegistryKind kind, string id)
    {
        if (Set(kind).Remove(id))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync(RegistryKind kind) => Task.FromResult<IReadOnlyList<string>>([.. Set(kind)]);

    private SortedSet<string> Set(RegistryKind kind) => kind == RegistryKind.Instance ? state.State.Instances : state.State.Integrations;
}
