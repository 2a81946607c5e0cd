namespace Platform.Host.Storage;

/// <summary>Asks the configured storage whether it answers, for readiness.</summary>
internal interface IStorageProbe
{
    /// <summary>The provider's name.</summary>
    string Provider { get; }

    /// <summary>Where the data lives (a path, or host/port/database; never a password).</summary>
    string Target { get; }

    Task PingAsync(CancellationToken cancellationToken);
}
