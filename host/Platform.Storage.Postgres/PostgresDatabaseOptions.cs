namespace Platform.Storage.Postgres;

/// <summary>Which PostgreSQL database holds the platform's data.</summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Database=platform;Username=platform;Password=…</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// Connections this process keeps at most, unless the connection string sets <c>Maximum Pool Size</c>. Every silo
    /// has its own pool, so silos × this must stay below the server's <c>max_connections</c> (100 by default). Default: 20.
    /// </summary>
    public int MaxPoolSize { get; set; } = 20;

    /// <summary>
    /// How long opening a connection may wait (for the server, or for a pooled connection when many grains write at
    /// once), unless the connection string sets <c>Timeout</c>. Default: 60 seconds.
    /// </summary>
    public int ConnectTimeoutSeconds { get; set; } = 60;
}
