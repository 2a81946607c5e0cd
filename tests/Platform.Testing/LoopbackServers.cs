using Npgsql;
using StackExchange.Redis;

namespace Platform.Testing;

/// <summary>
/// The PostgreSQL and Redis servers that cluster tests use on loopback (no Docker): <c>PLATFORM_TEST_POSTGRES</c> (an
/// Npgsql connection string of a user that may create databases) and <c>PLATFORM_TEST_REDIS</c>, defaulting to the
/// servers <c>.ci/run</c> installs and starts. Each test gets a database of its own.
/// </summary>
public static class LoopbackServers
{
    public static string Postgres { get; } = Environment.GetEnvironmentVariable("PLATFORM_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

    public static string Redis { get; } = Environment.GetEnvironmentVariable("PLATFORM_TEST_REDIS") ?? "127.0.0.1:6379";

    // Asked once per test run: the answer does not change between tests.
    private static readonly Lazy<Task<string?>> PostgresProbe = new(ProbePostgresAsync);
    private static readonly Lazy<Task<string?>> RedisProbe = new(ProbeRedisAsync);

    /// <summary>Why PostgreSQL cannot be used (to skip with), or null when it answers.</summary>
    public static Task<string?> PostgresUnavailableReasonAsync() => PostgresProbe.Value;

    /// <summary>Why PostgreSQL or Redis cannot be used (to skip with), or null when both answer.</summary>
    public static async Task<string?> UnavailableReasonAsync() => await PostgresProbe.Value ?? await RedisProbe.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var name = $"platform_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Postgres))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ToString();
    }

    private static async Task<string?> ProbePostgresAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            return null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"No PostgreSQL answers at PLATFORM_TEST_POSTGRES ({new NpgsqlConnectionStringBuilder(Postgres) { Password = null }}): {e.Message}. .ci/run installs and starts one.";
        }
    }

    private static async Task<string?> ProbeRedisAsync()
    {
        try
        {
            await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis);
            await redis.GetDatabase().PingAsync();
            return null;
        }
        catch (RedisException e)
        {
            return $"No Redis answers at PLATFORM_TEST_REDIS ({Redis}): {e.Message}. .ci/run installs and starts one.";
        }
    }
}
