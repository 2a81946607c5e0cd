using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Storage.Sqlite;

/// <summary>
/// The embedded database file: opens it in WAL mode, applies registered migrations once, hands out pooled connections
/// for reads and funnels writes through one group-committing writer.
/// </summary>
public sealed partial class SqliteDatabase : IAsyncDisposable
{
    private readonly SqliteDatabaseOptions _options;
    private readonly IReadOnlyList<SqliteMigration> _migrations;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly SemaphoreSlim _initializationLock = new(1, 1);
    private readonly string _connectionString;
    private SqliteWriteQueue? _writer;

    /// <summary>Creates the database handle; nothing touches the disk until first use.</summary>
    public SqliteDatabase(IOptions<SqliteDatabaseOptions> options, IEnumerable<SqliteMigration> migrations, ILogger<SqliteDatabase> logger)
    {
        _options = options.Value;
        _migrations = [.. migrations];
        _logger = logger;
        DatabasePath = System.IO.Path.GetFullPath(_options.Path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The database file's full path.</summary>
    public string DatabasePath { get; }

    /// <summary>Creates the file and applies pending migrations; safe to call often and from many threads.</summary>
    /// <param name="cancellationToken">Cancels waiting for another caller's initialization.</param>
    public async Task EnsureInitializedAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref _writer) is not null)
        {
            return;
        }

        await _initializationLock.WaitAsync(cancellationToken);
        try
        {
            if (_writer is null)
            {
                Volatile.Write(ref _writer, Initialize());
            }
        }
        finally
        {
            _initializationLock.Release();
        }
    }

    /// <summary>Opens a pooled connection for reads. Dispose it when done.</summary>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open connection.</returns>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside the writer's transaction, together with other queued writes. The returned task
    /// completes once that transaction has committed; if <paramref name="work"/> throws, only its own changes are undone.
    /// </summary>
    /// <typeparam name="T">What the work returns.</typeparam>
    /// <param name="work">Synchronous database work; create commands with <see cref="SqliteTransactionExtensions.CreateCommand"/>.</param>
    /// <param name="cancellationToken">Cancels waiting for initialization; a queued write always runs.</param>
    /// <returns>The work's result, after commit.</returns>
    public async Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync(cancellationToken);
        return await _writer!.EnqueueAsync(work);
    }

    /// <summary>Checks that the database answers a query.</summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM schema_migrations";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        _initializationLock.Dispose();
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private SqliteWriteQueue Initialize()
    {
        var directory = System.IO.Path.GetDirectoryName(DatabasePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL;");
            Execute(connection, _options.Synchronous == SqliteSynchronousMode.Full ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
            Execute(connection, "CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT NOT NULL PRIMARY KEY, applied_utc TEXT NOT NULL);");
            ApplyMigrations(connection);
            LogOpened(DatabasePath, _migrations.Count);
            return new SqliteWriteQueue(connection, _options.MaxWriteBatch);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void ApplyMigrations(SqliteConnection connection)
    {
        foreach (var migration in _migrations)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using var check = transaction.CreateCommand("SELECT 1 FROM schema_migrations WHERE id = $id");
            check.Parameters.AddWithValue("$id", migration.Id);
            if (check.ExecuteScalar() is not null)
            {
                continue;
            }

            using (var apply = transaction.CreateCommand(migration.Sql))
            {
                apply.ExecuteNonQuery();
            }

            using var record = transaction.CreateCommand("INSERT INTO schema_migrations (id, applied_utc) VALUES ($id, $now)");
            record.Parameters.AddWithValue("$id", migration.Id);
            record.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
            transaction.Commit();
            LogMigrationApplied(migration.Id);
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened embedded database {Path} ({MigrationCount} migrations registered)")]
    private partial void LogOpened(string path, int migrationCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied database migration {MigrationId}")]
    private partial void LogMigrationApplied(string migrationId);
}
