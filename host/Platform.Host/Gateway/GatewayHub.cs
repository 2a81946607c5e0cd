using System.Collections.Concurrent;
using Platform.Sync;

namespace Platform.Host.Gateway;

/// <summary>
/// Signals between the gateway's write streams and the clients that queue writes, inside one host: a queued write wakes
/// its integration's streams, an acknowledgement wakes the writer waiting for it. The store stays the truth; a stream
/// also polls it, so a write queued on another node reaches the app too.
/// </summary>
internal sealed class GatewayHub
{
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Integration, string Key), TaskCompletionSource<GatewayWriteResult>> _waiters = new();

    /// <summary>Counts an app's open stream until the returned handle is disposed.</summary>
    public IDisposable Connect(string integrationId)
    {
        _connections.AddOrUpdate(integrationId, 1, (_, n) => n + 1);
        return new Connection(this, integrationId);
    }

    public bool IsConnected(string integrationId) => _connections.GetValueOrDefault(integrationId) > 0;

    /// <summary>Completes when a write is next queued for the integration; take it before reading the store, so none is missed.</summary>
    public Task NextQueued(string integrationId) => _queued.GetOrAdd(integrationId, _ => NewSignal()).Task;

    public void Queued(string integrationId)
    {
        if (_queued.TryRemove(integrationId, out var signal))
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Starts waiting for the answer to a write, by its idempotency key; register before queueing it.</summary>
    public Task<GatewayWriteResult> Await(string integrationId, string idempotencyKey) =>
        _waiters.GetOrAdd((integrationId, idempotencyKey), _ => new TaskCompletionSource<GatewayWriteResult>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Forget(string integrationId, string idempotencyKey) => _waiters.TryRemove((integrationId, idempotencyKey), out _);

    public void Acknowledged(GatewayWrite write)
    {
        if (write.Result is { } result && _waiters.TryRemove((write.IntegrationId, write.IdempotencyKey), out var waiter))
        {
            waiter.TrySetResult(result);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Connection(GatewayHub hub, string integrationId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub._connections.AddOrUpdate(integrationId, 0, (_, n) => Math.Max(0, n - 1));
            }
        }
    }
}
