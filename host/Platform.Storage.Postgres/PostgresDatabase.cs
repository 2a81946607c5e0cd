using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Platform.Storage.Postgres;

/// <summary>
/// The platform's PostgreSQL database: a pooled data source, and the registered migrations applied once at first use.
/// Several silos may start together: migrations run under an advisory lock, so exactly one applies each.
/// </summary>
public sealed partial class PostgresDatabase : IAsyncDisposable
{
    // Any fixed number works; it only has to be the same for every silo of the deployment.
    private const long MigrationLockKey = 0x706c6174666f726d;

    private readonly IReadOnlyList<PostgresMigration> _migrations;
    private readonly ILogger<PostgresDatabase> _logger;
    private readonly SemaphoreSlim _initializationLock = new(1, 1);
    private readonly NpgsqlDataSource _dataSource;
    private volatile bool _initialized;

    /// <summary>Creates the handle; nothing connects until first use.</summary>
    public PostgresDatabase(IOptions<PostgresDatabaseOptions> options, IEnumerable<PostgresMigration> migrations, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _migrations = [.. migrations];
        _logger = logger;
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = options.Value.ConnectionString };
        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            builder.MaxPoolSize = options.Value.MaxPoolSize;
        }

        if (!given.ContainsKey("Timeout"))
        {
            builder.Timeout = options.Value.ConnectTimeoutSeconds;
        }

        // Nothing here leaves session state behind (advisory locks are per transaction, the migration lock is released
        // explicitly), so the DISCARD ALL Npgsql sends on every return to the pool would be wasted work on the server.
        builder.NoResetOnClose = true;
        Target = $"{builder.Host}:{builder.Port}/{builder.Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Host, port and database, for health reports and logs (never the password).</summary>
    public string Target { get; }

    /// <summary>Applies pending migrations; safe to call often, from many threads and many silos.</summary>
    /// <param name="cancellationToken">Cancels waiting for the database or another caller.</param>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        if (_initialized)
        {
            return;
        }

        await _initializationLock.WaitAsync(cancellationToken);
        try
        {
            if (!_initialized)
            {
                await MigrateAsync(cancellationToken);
                _initialized = true;
            }
        }
        finally
        {
            _initializationLock.Release();
        }
    }

    /// <summary>Opens a pooled connection. Dispose it when done.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open connection.</returns>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction and commits it; a throw rolls everything back.</summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">Database work; its commands must use the transaction's connection.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The work's result, after commit.</returns>
    public async Task<T> WriteAsync<T>(Func<NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(transaction);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>Checks that the database answers a query.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _initializationLock.Dispose();
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);
            var applied = 0;
            foreach (var migration in _migrations)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var check = new NpgsqlCommand("SELECT 1 FROM schema_migrations WHERE id = @id", connection, transaction);
                check.Parameters.AddWithValue("id", migration.Id);
                if (await check.ExecuteScalarAsync(cancellationToken) is not null)
                {
                    continue;
                }

                await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (id) VALUES (@id)", connection, transaction);
                record.Parameters.AddWithValue("id", migration.Id);
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                applied++;
                LogMigrationApplied(migration.Id, Target);
            }

            LogOpened(Target, _migrations.Count, applied);
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened PostgreSQL database {Target} ({MigrationCount} migrations registered, {Applied} applied now)")]
    private partial void LogOpened(string target, int migrationCount, int applied);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {MigrationId} to {Target}")]
    private partial void LogMigrationApplied(string migrationId, string target);
}
