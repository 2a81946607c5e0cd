using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Platform.Grains.Telemetry;

namespace Platform.Grains.Events;

/// <summary>What happened, for dashboards and CLIs.</summary>
public enum SyncEventKind
{
    CycleStarted,
    CycleCompleted,
    Progress,
    Conflict,
    Failure,
    Review,
    Paused,
    Resumed,
    Entry,
}

public sealed record SyncEvent(DateTimeOffset At, string IntegrationId, SyncEventKind Kind, string Message, string? PairId = null, long Count = 0, long? EntryId = null);

/// <summary>
/// Fans sync events out to watchers: this silo's, and through <see cref="IClusterSignals"/> the other silos', so a
/// client watching on any silo sees every integration's events. Each watcher has a bounded buffer; a slow watcher
/// loses its oldest events rather than slowing the sync down.
/// </summary>
public sealed class SyncEventHub
{
    private const string SignalChannel = "sync-events";
    private readonly ConcurrentDictionary<Channel<SyncEvent>, byte> _watchers = new();
    private readonly IClusterSignals _signals;
    private readonly SyncMetrics _metrics;

    public SyncEventHub(IClusterSignals signals, SyncMetrics metrics)
    {
        _signals = signals;
        _metrics = metrics;
        signals.Subscribe(SignalChannel, message =>
        {
            if (JsonSerializer.Deserialize<SyncEvent>(message) is { } remote)
            {
                Deliver(remote);
            }
        });
    }

    public int Watchers => _watchers.Count;

    /// <summary>Tells watchers everywhere about something that happened on this silo (and counts it here only).</summary>
    public void Publish(SyncEvent syncEvent)
    {
        _metrics.Observe(syncEvent);
        Deliver(syncEvent);
        _signals.Publish(SignalChannel, JsonSerializer.Serialize(syncEvent));
    }

    private void Deliver(SyncEvent syncEvent)
    {
        foreach (var (watcher, _) in _watchers)
        {
            watcher.Writer.TryWrite(syncEvent);
        }
    }

    /// <summary>Events as they happen, from the first call to the enumerator's MoveNextAsync on.</summary>
    public async IAsyncEnumerable<SyncEvent> WatchAsync(string? integrationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = Subscribe(integrationId);
        await foreach (var syncEvent in subscription.ReadAllAsync(cancellationToken))
        {
            yield return syncEvent;
        }
    }

    /// <summary>
    /// Events as they happen from now on, for a watcher that must know when it starts hearing them (to tell its client it
    /// is subscribed before the client starts a cycle). Dispose the subscription to stop.
    /// </summary>
    public Subscription Subscribe(string? integrationId)
    {
        var channel = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _watchers.TryAdd(channel, 0);
        return new Subscription(this, channel, integrationId);
    }

    /// <summary>One watcher's events; see <see cref="Subscribe"/>.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly SyncEventHub _hub;
        private readonly Channel<SyncEvent> _channel;
        private readonly string? _integrationId;

        internal Subscription(SyncEventHub hub, Channel<SyncEvent> channel, string? integrationId) => (_hub, _channel, _integrationId) = (hub, channel, integrationId);

        public async IAsyncEnumerable<SyncEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var syncEvent in _channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (_integrationId is null || syncEvent.IntegrationId == _integrationId)
                {
                    yield return syncEvent;
                }
            }
        }

        public void Dispose() => _hub._watchers.TryRemove(_channel, out _);
    }
}
