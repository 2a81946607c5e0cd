using Orleans.TestingHost;
using Platform.Storage.Sqlite;
using Platform.Testing;

namespace Platform.Grains.Tests;

/// <summary>
/// An in-process Orleans cluster (one silo) whose default grain storage is the platform's embedded SQLite storage,
/// shared by the grain tests of a collection. Tests use fresh grain keys so they never depend on each other.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public string DatabasePath => _data.Combine("grains.db");

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSiloHost((_, host) => host.Services.AddSqliteDatabase(database => database.Path = DatabasePath));
        builder.ConfigureSilo((_, silo) => silo.AddSqliteGrainStorageAsDefault());
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
