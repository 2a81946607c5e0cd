using Platform.Testing;

namespace Platform.Host.Tests;

/// <summary>One running host with the shipped connectors, shared by tests that only read from it.</summary>
public sealed class ShippedHostFixture : IAsyncLifetime
{
    private readonly TempDirectory _data = new();

    public RunningHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await RunningHost.StartAsync(_data.Path);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ShippedHostCollection : ICollectionFixture<ShippedHostFixture>
{
    public const string Name = "shipped host";
}
