namespace Platform.Grains.Access;

[GenerateSerializer]
public sealed class ApiKeysState
{
    [Id(0)] public Dictionary<string, ApiKeyRecord> Keys { get; set; } = new(StringComparer.Ordinal);
}

/// <inheritdoc cref="IApiKeysGrain" />
public sealed class ApiKeysGrain([PersistentState("api-keys")] IPersistentState<ApiKeysState> state) : Grain, IApiKeysGrain
{
    public async Task<bool> AddAsync(ApiKeyRecord key, bool onlyFirst = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        if ((onlyFirst && state.State.Keys.Count > 0) || !state.State.Keys.TryAdd(key.Id, key))
        {
            return false;
        }

        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync() => Task.FromResult<IReadOnlyList<ApiKeyRecord>>([.. state.State.Keys.Values]);

    public async Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset at, string by)
    {
        if (!state.State.Keys.TryGetValue(id, out var key) || key.RevokedAt is not null)
        {
            return key;
        }

        var revoked = key with { RevokedAt = at, RevokedBy = by };
        state.State.Keys[id] = revoked;
        await state.WriteStateAsync();
        return revoked;
    }

    public async Task RecordUseAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed)
    {
        ArgumentNullException.ThrowIfNull(lastUsed);
        var changed = false;
        foreach (var (id, at) in lastUsed)
        {
            if (state.State.Keys.TryGetValue(id, out var key) && (key.LastUsedAt is null || key.LastUsedAt < at))
            {
                state.State.Keys[id] = key with { LastUsedAt = at };
                changed = true;
            }
        }

        if (changed)
        {
            await state.WriteStateAsync();
        }
    }
}
