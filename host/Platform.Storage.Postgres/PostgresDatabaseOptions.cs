namespace Platform.Storage.Postgres;

/// <summary>Which PostgreSQL database holds the platform's data.</summary>
public sealed class PostgresDatabaseOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=127.0.0.1;Database=platform;Username=platform;Password=…</c>. Required.</summary>
    public string ConnectionString { get; set; } = "";
}
