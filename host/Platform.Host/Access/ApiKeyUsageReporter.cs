namespace Platform.Host.Access;

/// <summary>
/// Reports this silo's uses of API keys to the keys grain once a minute, and a last time on the way down, so each key's
/// "last used" is at most about a minute behind without a write per call.
/// </summary>
internal sealed partial class ApiKeyUsageReporter(ApiKeyDirectory directory, TimeProvider time, ILogger<ApiKeyUsageReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // The silo stops after this service; a keys grain that cannot answer must not hold the shutdown up.
        await ReportAsync().WaitAsync(TimeSpan.FromSeconds(5), time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A failed report is kept for the next one: the keys grain being briefly unreachable loses no use.</summary>
    private async Task ReportAsync()
    {
        try
        {
            await directory.ReportUseAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReportFailed(logger, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key uses could not be reported ({Reason}); they are sent with the next report")]
    private static partial void LogReportFailed(ILogger logger, string reason);
}
