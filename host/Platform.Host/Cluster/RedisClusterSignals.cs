using System.Collections.Concurrent;
using Platform.Grains.Events;
using StackExchange.Redis;

namespace Platform.Host.Cluster;

/// <summary>
/// Cluster signals over Redis pub/sub, on channels named after the service id so that deployments sharing a Redis
/// never hear each other. Each message carries its sender's id and a silo ignores its own.
/// </summary>
internal sealed partial class RedisClusterSignals(RedisConnection redis, string serviceId, ILogger<RedisClusterSignals> logger) : IClusterSignals, IHostedService
{
    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<(string Channel, Action<string> Handler)> _handlers = new();
    private ISubscriber? _subscriber;

    public void Publish(string channel, string message)
    {
        // Before start-up finished there is nobody to tell that the stores would not tell anyway.
        _subscriber?.Publish(Channel(channel), $"{_sender}\n{message}", CommandFlags.FireAndForget);
    }

    public void Subscribe(string channel, Action<string> handler)
    {
        _handlers.Enqueue((channel, handler));
        if (_subscriber is { } subscriber)
        {
            Listen(subscriber, channel, handler);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = (await redis.GetAsync()).GetSubscriber();
        foreach (var (channel, handler) in _handlers)
        {
            Listen(subscriber, channel, handler);
        }

        _subscriber = subscriber;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private RedisChannel Channel(string name) => RedisChannel.Literal($"platform:{serviceId}:{name}");

    private void Listen(ISubscriber subscriber, string channel, Action<string> handler) =>
        subscriber.Subscribe(Channel(channel), (_, value) =>
        {
            var text = (string?)value;
            var split = text?.IndexOf('\n', StringComparison.Ordinal) ?? -1;
            if (split <= 0 || text.AsSpan(0, split).SequenceEqual(_sender))
            {
                return;
            }

            try
            {
                handler(text![(split + 1)..]);
            }
            catch (Exception e)
            {
                LogHandlerFailed(logger, channel, e);
            }
        });

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cluster signal on {Channel} could not be handled")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);
}
