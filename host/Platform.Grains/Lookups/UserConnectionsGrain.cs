using System.Security.Cryptography;

namespace Platform.Grains.Lookups;

[GenerateSerializer]
public sealed class UserConnectionsState
{
    [Id(0)] public Dictionary<string, UserConnection> Users { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public Dictionary<string, PendingConsent> Pending { get; set; } = new(StringComparer.Ordinal);
}

/// <inheritdoc cref="IUserConnectionsGrain" />
public sealed class UserConnectionsGrain([PersistentState("user-connections")] IPersistentState<UserConnectionsState> state) : Grain, IUserConnectionsGrain
{
    public async Task<string> BeginAsync(string userId, string redirectUri, DateTimeOffset now, TimeSpan lifetime)
    {
        // Consents nobody finished are dropped here, so the state cannot grow without bound.
        foreach (var key in state.State.Pending.Where(p => p.Value.ExpiresAt <= now).Select(p => p.Key).ToList())
        {
            state.State.Pending.Remove(key);
        }

        var consent = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.State.Pending[consent] = new PendingConsent(userId, redirectUri, now + lifetime);
        await state.WriteStateAsync();
        return consent;
    }

    public async Task<PendingConsent?> TakeAsync(string consent, DateTimeOffset now)
    {
        if (!state.State.Pending.Remove(consent, out var pending))
        {
            return null;
        }

        await state.WriteStateAsync();
        return pending.ExpiresAt > now ? pending : null;
    }

    public async Task<UserConnection?> SaveAsync(UserConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        state.State.Users.Remove(connection.UserId, out var replaced);
        state.State.Users[connection.UserId] = connection;
        await state.WriteStateAsync();
        return replaced;
    }

    public Task<UserConnection?> GetAsync(string userId) => Task.FromResult(state.State.Users.GetValueOrDefault(userId));

    public Task<IReadOnlyList<UserConnection>> ListAsync() =>
        Task.FromResult<IReadOnlyList<UserConnection>>([.. state.State.Users.Values.OrderBy(u => u.UserId, StringComparer.Ordinal)]);

    public async Task<UserConnection?> RemoveAsync(string userId)
    {
        if (!state.State.Users.Remove(userId, out var removed))
        {
            return null;
        }

        await state.WriteStateAsync();
        return removed;
    }

    public async Task<IReadOnlyList<UserConnection>> ClearAsync()
    {
        var removed = state.State.Users.Values.ToList();
        await state.ClearStateAsync();
        DeactivateOnIdle();
        return removed;
    }
}
