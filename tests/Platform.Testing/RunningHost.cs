using System.Net.Sockets;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Host;
using Platform.Host.Endpoints;

namespace Platform.Testing;

/// <summary>
/// The real platform host, started in-process on loopback ports chosen by the OS, with its embedded database in a
/// folder the test owns. Talk to it over real gRPC (<see cref="Channel"/>) and HTTP (<see cref="Http"/>).
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    private RunningHost(WebApplication app, CapturedLogs logs, string adminKey)
    {
        App = app;
        Logs = logs;
        AdminKey = adminKey;
        var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
        Channel = ApiKeyChannel.ForAddress(endpoints.GrpcAddress, adminKey);
        Http = new HttpClient { BaseAddress = endpoints.HttpAddress };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A channel whose calls carry <see cref="AdminKey"/>.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>The admin key the host was configured with (<c>Platform:Access:AdminKey</c>), unless the settings replaced it.</summary>
    public string AdminKey { get; }

    public HttpClient Http { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Starts a host whose data lives in <paramref name="dataDirectory"/>.</summary>
    /// <param name="dataDirectory">Holds the embedded database; reuse it to restart "the same" host.</param>
    /// <param name="pluginsPath">The plugins directory; default: the shipped connectors next to the test assembly.</param>
    /// <param name="settings">Extra <c>key=value</c> settings.</param>
    public static Task<RunningHost> StartAsync(string dataDirectory, string? pluginsPath = null, params string[] settings) =>
        StartAsync(dataDirectory, pluginsPath, time: null, settings);

    /// <summary>Starts a host whose data lives in <paramref name="dataDirectory"/> and whose clock is <paramref name="time"/>.</summary>
    /// <param name="dataDirectory">Holds the embedded database; reuse it to restart "the same" host.</param>
    /// <param name="pluginsPath">The plugins directory; default: the shipped connectors next to the test assembly.</param>
    /// <param name="time">The host's clock; default: the system clock.</param>
    /// <param name="settings">Extra <c>key=value</c> settings.</param>
    public static async Task<RunningHost> StartAsync(string dataDirectory, string? pluginsPath, TimeProvider? time, params string[] settings)
    {
        // The silo port is probed free, then bound by Orleans a moment later; an outgoing connection may take it in
        // between (ephemeral ports come from the same range), so a host that loses that race starts again on another.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(dataDirectory, pluginsPath, time, settings);
            }
            catch (Exception e) when (attempt < 3 && AddressInUse(e))
            {
            }
        }
    }

    private static bool AddressInUse(Exception? e) =>
        e is not null && (e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || AddressInUse(e.InnerException));

    private static async Task<RunningHost> StartOnceAsync(string dataDirectory, string? pluginsPath, TimeProvider? time, string[] settings)
    {
        var logs = new CapturedLogs();
        var adminKey = ApiKeyChannel.NewAdminKey();
        string[] args =
        [
            "--Platform:Endpoints:Grpc=http://127.0.0.1:0",
            "--Platform:Endpoints:Http=http://127.0.0.1:0",
            $"--Platform:Silo:SiloPort={LoopbackPort.Next()}",
            $"--Platform:Storage:Sqlite:Path={Path.Combine(dataDirectory, "platform.db")}",
            $"--Platform:Plugins:Path={pluginsPath ?? Path.Combine(AppContext.BaseDirectory, "plugins")}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Orleans=Error",
            $"--Platform:Access:AdminKey={adminKey}",
            .. settings.Select(s => "--" + s),
        ];
        var app = Program.CreateApp(args, builder =>
        {
            builder.Logging.AddProvider(logs);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningHost(app, logs, adminKey);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
