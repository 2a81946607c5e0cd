using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Platform.Grains.Access;
using Platform.Grains.Events;

namespace Platform.Host.Access;

/// <summary>
/// This silo's copy of the API keys, which every call is checked against. It is read again from the keys grain when a
/// key changes here or on another silo (a cluster signal), when a call presents an id it does not know (a key just
/// created elsewhere, whose signal has not arrived yet), and at least every 30 seconds in case a signal was lost.
/// Calls with unknown ids share one read at a time, so a flood of bad keys costs the keys grain one read per round.
/// Uses of stored keys are noted here and reported to the keys grain in one call per silo about once a minute
/// (<see cref="ApiKeyUsageReporter"/>) and before keys are listed, so "last used" costs no write per call.
/// </summary>
internal sealed class ApiKeyDirectory : IDisposable
{
    private const string ChangedChannel = "api-keys-changed";
    private const string Invalid = "The API key is not valid.";
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly IGrainFactory _grains;
    private readonly IClusterSignals _signals;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<ApiKeyRecord> _builtIn;
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unreported = new(StringComparer.Ordinal);
    private volatile Snapshot? _snapshot;
    private long _generation;

    public ApiKeyDirectory(IGrainFactory grains, IClusterSignals signals, TimeProvider time, IOptions<AccessOptions> options, HostApiKey hostKey)
    {
        _grains = grains;
        _signals = signals;
        _time = time;
        _builtIn = options.Value.AdminKey is { Length: > 0 } configured
            ? [BuiltIn("configured", "configured admin key", configured), BuiltIn("host", "host", hostKey.Text)]
            : [BuiltIn("host", "host", hostKey.Text)];
        signals.Subscribe(ChangedChannel, _ => Interlocked.Increment(ref _generation));
    }

    /// <summary>The key <paramref name="text"/> is, if it works now; otherwise why not.</summary>
    /// <exception cref="Exception">The keys had to be read again and could not be (storage is down).</exception>
    public async ValueTask<(ApiKeyRecord? Key, string? Refusal)> CheckAsync(string text, CancellationToken cancellationToken)
    {
        // Hashed once: the built-in keys and the stored one are all compared with this.
        var hash = ApiKeyToken.Hash(text);
        if (_builtIn.FirstOrDefault(k => ApiKeyToken.SameHash(hash, k.SecretHash)) is { } builtIn)
        {
            return (builtIn, null);
        }

        if (ApiKeyToken.IdOf(text) is not { } id)
        {
            return (null, Invalid);
        }

        var snapshot = await CurrentAsync(id, cancellationToken);
        if (!snapshot.Keys.TryGetValue(id, out var key) || !ApiKeyToken.SameHash(hash, key.SecretHash))
        {
            return (null, Invalid);
        }

        var now = _time.GetUtcNow();
        if (key.IsActive(now))
        {
            _unreported.AddOrUpdate(id, now, (_, noted) => noted > now ? noted : now);
            return (key, null);
        }

        return key.RevokedAt is not null
            ? (null, $"The API key '{key.Name}' ({key.Id}) was revoked.")
            : (null, $"The API key '{key.Name}' ({key.Id}) expired at {key.ExpiresAt:u}.");
    }

    /// <summary>Every stored key, read now, with this silo's uses reported first.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync()
    {
        await ReportUseAsync();
        return await Grain.ListAsync();
    }

    /// <summary>Sends the uses noted since the last report to the keys grain; kept for the next report if that fails.</summary>
    public async Task ReportUseAsync()
    {
        var batch = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var id in _unreported.Keys)
        {
            if (_unreported.TryRemove(id, out var at))
            {
                batch[id] = at;
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await Grain.RecordUseAsync(batch);
        }
        catch
        {
            foreach (var (id, at) in batch)
            {
                _unreported.AddOrUpdate(id, at, (_, noted) => noted > at ? noted : at);
            }

            throw;
        }
    }

    public async Task<bool> AddAsync(ApiKeyRecord key, bool onlyFirst = false)
    {
        var added = await Grain.AddAsync(key, onlyFirst);
        Changed();
        return added;
    }

    public async Task<ApiKeyRecord?> RevokeAsync(string id, string by)
    {
        var revoked = await Grain.RevokeAsync(id, _time.GetUtcNow(), by);
        Changed();
        return revoked;
    }

    public void Dispose() => _loading.Dispose();

    private IApiKeysGrain Grain => _grains.GetGrain<IApiKeysGrain>(0);

    private void Changed()
    {
        Interlocked.Increment(ref _generation);
        _signals.Publish(ChangedChannel, "changed");
    }

    private async ValueTask<Snapshot> CurrentAsync(string id, CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && Fresh(snapshot) && snapshot.Keys.ContainsKey(id))
        {
            return snapshot;
        }

        var asked = _time.GetUtcNow();
        await _loading.WaitAsync(cancellationToken);
        try
        {
            // Another call may have read the keys while this one waited: that read is recent enough for this call too.
            snapshot = _snapshot;
            if (snapshot is not null && Fresh(snapshot) && (snapshot.Keys.ContainsKey(id) || snapshot.LoadedAt >= asked))
            {
                return snapshot;
            }

            var generation = Interlocked.Read(ref _generation);
            var keys = await Grain.ListAsync();
            return _snapshot = new Snapshot(keys.ToDictionary(k => k.Id, StringComparer.Ordinal), _time.GetUtcNow(), generation);
        }
        finally
        {
            _loading.Release();
        }
    }

    private bool Fresh(Snapshot snapshot) =>
        snapshot.Generation == Interlocked.Read(ref _generation) && _time.GetUtcNow() - snapshot.LoadedAt < MaxAge;

    private static ApiKeyRecord BuiltIn(string id, string name, string text) => new()
    {
        Id = id,
        Name = name,
        Role = ApiKeyRole.Admin,
        SecretHash = ApiKeyToken.Hash(text),
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed record Snapshot(IReadOnlyDictionary<string, ApiKeyRecord> Keys, DateTimeOffset LoadedAt, long Generation);
}

/// <summary>
/// A key this process makes for its own calls to its control API (the sandbox demo is a client like any other): an admin
/// key that is never stored or logged and dies with the process.
/// </summary>
internal sealed class HostApiKey
{
    public string Text { get; } = ApiKeyToken.Create().Text;
}
