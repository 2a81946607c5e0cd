using StackExchange.Redis;

namespace Platform.Host.Cluster;

/// <summary>
/// The silo's own Redis connection for cluster signals and the readiness check (Orleans' providers keep theirs). It
/// connects in the background and reconnects by itself, so a Redis outage never stops the host from starting.
/// </summary>
internal sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _multiplexer = new(() =>
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ClientName = "platform-signals";
        return ConnectionMultiplexer.ConnectAsync(options);
    });

    public Task<ConnectionMultiplexer> GetAsync() => _multiplexer.Value;

    public async ValueTask DisposeAsync()
    {
        if (_multiplexer.IsValueCreated)
        {
            await (await _multiplexer.Value).DisposeAsync();
        }
    }
}
