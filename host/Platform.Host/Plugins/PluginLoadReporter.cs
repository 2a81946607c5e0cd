namespace Platform.Host.Plugins;

/// <summary>Logs what became of each plugin once logging is up (plugins load before the host is built).</summary>
internal sealed partial class PluginLoadReporter(ConnectorCatalog catalog, ILogger<PluginLoadReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var connector in catalog.Connectors)
        {
            if (connector.Status == ConnectorLoadStatus.Loaded)
            {
                LogLoaded(connector.Id, connector.Manifest!.Version, connector.Location);
            }
            else
            {
                LogFailed(connector.Id, connector.Location, connector.FailureReason!);
            }
        }

        var loadedCount = catalog.Connectors.Count(c => c.Status == ConnectorLoadStatus.Loaded);
        LogSummary(loadedCount, catalog.Connectors.Count, catalog.Directory);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded connector {ConnectorId} {Version} from {Location}")]
    private partial void LogLoaded(string connectorId, string version, string location);

    [LoggerMessage(Level = LogLevel.Error, Message = "Connector plugin {ConnectorId} in {Location} failed to load: {Reason}")]
    private partial void LogFailed(string connectorId, string location, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{LoadedCount} of {TotalCount} connector plugins loaded from {Directory}")]
    private partial void LogSummary(int loadedCount, int totalCount, string directory);
}
