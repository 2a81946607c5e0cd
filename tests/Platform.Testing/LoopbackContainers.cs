using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Npgsql;

namespace Platform.Testing;

/// <summary>
/// PostgreSQL and Redis in throwaway containers for tests that stop and restart a server. Containers use the host's
/// network and listen on 127.0.0.1 on a free port (Docker here has no bridge network; elsewhere this works the same).
/// Images: <c>PLATFORM_TEST_POSTGRES_IMAGE</c> / <c>PLATFORM_TEST_REDIS_IMAGE</c>, else the locally built
/// <c>local/postgres:15</c> / <c>local/redis:7</c> (deploy/images) when present, else Docker Hub's <c>postgres:16</c> / <c>redis:7</c>.
/// </summary>
public static class LoopbackContainers
{
    private const string PostgresPassword = "container-secret";

    /// <summary>Starts PostgreSQL and returns it with the connection string of its <c>platform</c> database (owned by user <c>platform</c>, not a superuser's).</summary>
    public static async Task<(IContainer Container, string ConnectionString)> StartPostgresAsync()
    {
        var port = LoopbackPort.Next();
        var container = Loopback(await ImageAsync("PLATFORM_TEST_POSTGRES_IMAGE", "local/postgres:15", "postgres:16"))
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

    /// <summary>Starts Redis and returns it with its connection string.</summary>
    public static async Task<(IContainer Container, string ConnectionString)> StartRedisAsync()
    {
        var port = LoopbackPort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var container = Loopback(await ImageAsync("PLATFORM_TEST_REDIS_IMAGE", "local/redis:7", "redis:7"))
            .WithCommand("redis-server", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted("sh", "-c", $"redis-cli -p {port} ping | grep -q PONG"))
            .Build();
        await container.StartAsync();
        return (container, $"127.0.0.1:{port}");
    }

    private static ContainerBuilder Loopback(string image) => new ContainerBuilder(image)
        .WithCreateParameterModifier(parameters => (parameters.HostConfig ??= new HostConfig()).NetworkMode = "host");

    private static async Task<string> ImageAsync(string variable, string local, string hub) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } image ? image
        : await DockerEngine.HasImageAsync(local) ? local
        : hub;
}
