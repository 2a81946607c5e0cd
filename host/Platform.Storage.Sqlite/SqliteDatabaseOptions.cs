namespace Platform.Storage.Sqlite;

/// <summary>Where the embedded database lives and how it commits.</summary>
public sealed class SqliteDatabaseOptions
{
    /// <summary>Path of the database file; its folder is created when missing. Required.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// How hard a commit waits for the disk. Default: <see cref="SqliteSynchronousMode.Normal"/>, which in WAL mode
    /// survives a killed process and loses at most the last commits on power loss.
    /// </summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Normal;

    /// <summary>The most queued writes committed in one transaction. Default: 512.</summary>
    public int MaxWriteBatch { get; set; } = 512;
}

/// <summary>SQLite's <c>synchronous</c> setting.</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Durable against a killed process; the last commits can be lost on power loss.</summary>
    Normal,

    /// <summary>Every commit is flushed to disk before it completes.</summary>
    Full,
}
