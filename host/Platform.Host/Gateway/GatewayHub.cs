using System.Collections.Concurrent;
using System.Text.Json;
using Platform.Grains.Events;
using Platform.Sync;

namespace Platform.Host.Gateway;

/// <summary>
/// Signals between the gateway's write streams and the clients that queue writes: a queued write wakes its integration's
/// streams, an acknowledgement wakes the writer waiting for it, and a stream makes its app count as connected. In a
/// cluster the app may be connected to another silo than the one queueing its writes, so each signal also goes to the
/// other silos (<see cref="IClusterSignals"/>). The store stays the truth; a stream also polls it.
/// </summary>
internal sealed class GatewayHub
{
    private const string QueuedChannel = "gateway-queued";
    private const string AnsweredChannel = "gateway-answered";
    private const string ConnectedChannel = "gateway-connected";

    /// <summary>How often an open stream tells the other silos its app is connected; they forget it after three silences.</summary>
    internal static readonly TimeSpan AnnounceEvery = TimeSpan.FromSeconds(10);

    private readonly string _silo = Guid.NewGuid().ToString("N");
    private readonly IClusterSignals _signals;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, int> _connections = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Integration, string Silo), DateTimeOffset> _remoteConnections = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _queued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Integration, string Key), TaskCompletionSource<GatewayWriteResult>> _waiters = new();

    public GatewayHub(IClusterSignals signals, TimeProvider time)
    {
        _signals = signals;
        _time = time;
        signals.Subscribe(QueuedChannel, Wake);
        signals.Subscribe(AnsweredChannel, message =>
        {
            if (JsonSerializer.Deserialize<Answer>(message) is { } answer)
            {
                Complete(answer.IntegrationId, answer.IdempotencyKey, answer.Result);
            }
        });
        signals.Subscribe(ConnectedChannel, message =>
        {
            if (JsonSerializer.Deserialize<Presence>(message) is { } presence)
            {
                if (presence.Connected)
                {
                    _remoteConnections[(presence.IntegrationId, presence.Silo)] = _time.GetUtcNow();
                }
                else
                {
                    _remoteConnections.TryRemove((presence.IntegrationId, presence.Silo), out _);
                }
            }
        });
    }

    /// <summary>Counts an app's open stream until the returned handle is disposed.</summary>
    public Connection Connect(string integrationId)
    {
        _connections.AddOrUpdate(integrationId, 1, (_, n) => n + 1);
        var connection = new Connection(this, integrationId);
        connection.Announce();
        return connection;
    }

    /// <summary>Whether the integration's app has a write stream open on this silo or (recently heard of) another.</summary>
    public bool IsConnected(string integrationId)
    {
        if (_connections.GetValueOrDefault(integrationId) > 0)
        {
            return true;
        }

        var heardSince = _time.GetUtcNow() - (3 * AnnounceEvery);
        return _remoteConnections.Any(c => c.Key.Integration == integrationId && c.Value >= heardSince);
    }

    /// <summary>Completes when a write is next queued for the integration; take it before reading the store, so none is missed.</summary>
    public Task NextQueued(string integrationId) => _queued.GetOrAdd(integrationId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Writes were queued for the integration: wakes its streams on every silo.</summary>
    public void Queued(string integrationId)
    {
        Wake(integrationId);
        _signals.Publish(QueuedChannel, integrationId);
    }

    /// <summary>Wakes this silo's streams of the integration (room for more writes after an acknowledgement).</summary>
    public void Wake(string integrationId)
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

    /// <summary>The app answered a write: completes whoever waits for it, on this silo or another.</summary>
    public void Acknowledged(GatewayWrite write)
    {
        if (write.Result is not { } result)
        {
            return;
        }

        if (!Complete(write.IntegrationId, write.IdempotencyKey, result))
        {
            _signals.Publish(AnsweredChannel, JsonSerializer.Serialize(new Answer(write.IntegrationId, write.IdempotencyKey, result)));
        }
    }

    private bool Complete(string integrationId, string idempotencyKey, GatewayWriteResult result)
    {
        if (!_waiters.TryRemove((integrationId, idempotencyKey), out var waiter))
        {
            return false;
        }

        waiter.TrySetResult(result);
        return true;
    }

    private sealed record Answer(string IntegrationId, string IdempotencyKey, GatewayWriteResult Result);

    private sealed record Presence(string IntegrationId, string Silo, bool Connected);

    /// <summary>An open write stream; <see cref="Announce"/> it now and then so other silos keep counting it.</summary>
    internal sealed class Connection(GatewayHub hub, string integrationId) : IDisposable
    {
        private DateTimeOffset _announcedAt = DateTimeOffset.MinValue;
        private int _disposed;

        public void Announce()
        {
            var now = hub._time.GetUtcNow();
            if (now - _announcedAt >= AnnounceEvery)
            {
                _announcedAt = now;
                hub._signals.Publish(ConnectedChannel, JsonSerializer.Serialize(new Presence(integrationId, hub._silo, Connected: true)));
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0
                && hub._connections.AddOrUpdate(integrationId, 0, (_, n) => Math.Max(0, n - 1)) == 0)
            {
                hub._signals.Publish(ConnectedChannel, JsonSerializer.Serialize(new Presence(integrationId, hub._silo, Connected: false)));
            }
        }
    }
}
