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

    public async IAsyncEnumerable<SyncEvent> WatchAsync(string? integrationId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<SyncEvent>(new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        _watchers.TryAdd(channel, 0);
        try
        {
            await foreach (var syncEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                if (integrationId is null || syncEvent.IntegrationId == integrationId)
                {
                    yield return syncEvent;
                }
            }
        }
        finally
        {
            _watchers.TryRemove(channel, out _);
        }
    }
}
