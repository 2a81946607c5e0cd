using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// PostgreSQL and Redis in throwaway containers for tests that stop and restart a server. Containers use the host's
/// network and listen on 127.0.0.1 on a free port (Docker here has no bridge network; elsewhere this works the same).
/// Images: <c>PLATFORM_TEST_POSTGRES_IMAGE</c> / <c>PLATFORM_TEST_REDIS_IMAGE</c> / <c>PLATFORM_TEST_DOTNET_IMAGE</c>, else
/// the locally built <c>local/postgres:15</c> / <c>local/redis:7</c> / <c>local/dotnet-aspnet:10.0</c> (deploy/images) when
/// present, else the registries' <c>postgres:16</c> / <c>redis:7</c> / <c>mcr.microsoft.com/dotnet/aspnet:10.0</c>.
/// </summary>
public static class LoopbackContainers
{
    private const string PostgresPassword = "container-secret";

    /// <summary>Starts PostgreSQL and returns it with the connection string of its <c>platform</c> database and user.</summary>
    public static async Task<(IContainer Container, string ConnectionString)> StartPostgresAsync()
    {
        var port = LoopbackPort.Next();
        var container = Loopback(await PostgresImageAsync())
            .WithEnvironment("POSTGRES_USER", "platform")
            .WithEnvironment("POSTGRES_PASSWORD", PostgresPassword)
            .WithEnvironment("POSTGRES_DB", "platform")
            .WithEnvironment("PGPORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithCommand("postgres", "-c", "listen_addresses=127.0.0.1")
            // The image's first start runs a socket-only server to create the database; TCP answers once the real one is up.
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("pg_isready", "-q", "-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "platform"))
            .Build();
        await container.StartAsync();
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = "platform",
            Username = "platform",
            Password = PostgresPassword,
        }.ToString();
        return (container, connectionString);
    }

    /// <summary>Starts Redis (append-only file on, in the container) and returns it with its connection string.</summary>
    public static async Task<(IContainer Container, string ConnectionString)> StartRedisAsync()
    {
        var port = LoopbackPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var container = Loopback(await RedisImageAsync())
            // Persistent as any Redis under Orleans membership must be: a restart keeps the table.
            .WithCommand("redis-server", "--bind", "127.0.0.1", "--port", port, "--dir", "/data", "--appendonly", "yes")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("sh", "-c", $"redis-cli -p {port} ping | grep -q PONG"))
            .Build();
        await container.StartAsync();
        return (container, $"127.0.0.1:{port}");
    }

    public static Task<string> PostgresImageAsync() => ImageAsync("PLATFORM_TEST_POSTGRES_IMAGE", "local/postgres:15", "postgres:16");

    public static Task<string> RedisImageAsync() => ImageAsync("PLATFORM_TEST_REDIS_IMAGE", "local/redis:7", "redis:7");

    /// <summary>The ASP.NET Core runtime image the platform's own image is built on.</summary>
    public static Task<string> DotnetImageAsync() => ImageAsync("PLATFORM_TEST_DOTNET_IMAGE", "local/dotnet-aspnet:10.0", "mcr.microsoft.com/dotnet/aspnet:10.0");

    private static ContainerBuilder Loopback(string image) => new ContainerBuilder(image)
        .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new HostConfig()).NetworkMode = "host");

    private static async Task<string> ImageAsync(string variable, string local, string hub) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image
        : await DockerEngine.HasImageAsync(local) ? local
        : hub;
}
