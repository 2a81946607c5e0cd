using Grpc.Net.Client;
using Platform.Control.V1;
using Platform.Testing;

namespace Platform.Host.Tests.Cluster;

/// <summary>
/// Platform hosts started as processes of their own, on loopback ports, forming one Orleans cluster with membership and
/// reminders on Redis and storage on a fresh PostgreSQL database. Silos can be killed outright and new ones added.
/// </summary>
internal sealed class LoopbackCluster : IAsyncDisposable
{
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";
    private readonly string _database;
    private readonly string _redis;
    private readonly string[] _settings;
    private readonly List<Silo> _silos = [];
    private readonly string _adminKey = ApiKeyChannel.NewAdminKey();

    private LoopbackCluster(string database, string redis, string[] settings)
    {
        _database = database;
        _redis = redis;
        _settings = settings;
    }

    public IReadOnlyList<Silo> Silos => _silos;

    /// <summary>Creates the cluster's database on the loopback servers; start silos with <see cref="AddSiloAsync"/>.</summary>
    public static async Task<LoopbackCluster> CreateAsync(params string[] settings) => new(await LoopbackServers.CreateDatabaseAsync(), LoopbackServers.Redis, settings);

    /// <summary>A cluster on the given PostgreSQL database and Redis (containers, say).</summary>
    public static LoopbackCluster On(string database, string redis, params string[] settings) => new(database, redis, settings);

    /// <summary>Starts one more silo and waits until it is ready (an active member, storage and Redis answering).</summary>
    public async Task<Silo> AddSiloAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var silo = await StartSiloAsync();
                _silos.Add(silo);
                return silo;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
            }
        }
    }

    /// <summary>Kills a silo's process outright: no graceful leave, as a crash or a lost machine would.</summary>
    public async Task KillAsync(Silo silo)
    {
        _silos.Remove(silo);
        await silo.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private async Task<Silo> StartSiloAsync()
    {
        var http = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        var grpc = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        var siloPort = LoopbackPort.Next();
        var process = await ServerProcess.StartAsync(Path.Combine(AppContext.BaseDirectory, "Platform.Host.dll"), http, "/readyz",
        [
            $"--Platform:Endpoints:Http={http}",
            $"--Platform:Endpoints:Grpc={grpc}",
            $"--Platform:Silo:SiloPort={siloPort}",
            "--Platform:Silo:Clustering=Redis",
            $"--Platform:Silo:Redis={_redis}",
            $"--Platform:Silo:ClusterId={_clusterId}",
            $"--Platform:Silo:ServiceId={_clusterId}",
            "--Platform:Storage:Provider=Postgres",
            $"--Platform:Storage:Postgres:ConnectionString={_database}",
            $"--Platform:Plugins:Path={Path.Combine(AppContext.BaseDirectory, "sample-plugins")}",
            "--Logging:LogLevel:Default=Warning",
            $"--Platform:Access:AdminKey={_adminKey}",
            .. _settings.Select(s => "--" + s),
        ], readyWithin: TimeSpan.FromMinutes(2));
        return new Silo(process, grpc, _adminKey, siloPort);
    }

    internal sealed class Silo(ServerProcess process, Uri grpc, string adminKey, int siloPort) : IAsyncDisposable
    {
        private readonly GrpcChannel _channel = ApiKeyChannel.ForAddress(grpc, adminKey);

        public int SiloPort { get; } = siloPort;

        /// <summary>The silo's gRPC endpoint, for clients with keys of their own.</summary>
        public Uri GrpcAddress { get; } = grpc;

        public ServerProcess Process { get; } = process;

        public InstanceService.InstanceServiceClient Instances => new(_channel);

        public IntegrationService.IntegrationServiceClient Integrations => new(_channel);

        public PairService.PairServiceClient Pairs => new(_channel);

        public ApiKeyService.ApiKeyServiceClient Keys => new(_channel);

        /// <summary>Whether an Orleans silo address (<c>S127.0.0.1:port:generation</c>) is this silo's.</summary>
        public bool Is(string siloAddress) => siloAddress.Contains($":{SiloPort}:", StringComparison.Ordinal);

        public async ValueTask DisposeAsync()
        {
            _channel.Dispose();
            await Process.DisposeAsync();
        }
    }
}
