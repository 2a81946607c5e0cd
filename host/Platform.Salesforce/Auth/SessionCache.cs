using Microsoft.Extensions.Logging;

namespace Platform.Salesforce;

/// <summary>
/// Holds the current session. Many requests that find it expired at once cause one token request (single flight):
/// the first refreshes, the others wait and reuse its result.
/// </summary>
internal sealed partial class SessionCache(HttpClient http, SalesforceConnectionOptions options, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SalesforceSession? _current;

    /// <summary>Token requests made so far (for tests and metrics).</summary>
    public int TokenRequests { get; private set; }

    public Task<SalesforceSession> GetAsync(CancellationToken cancellationToken) =>
        Volatile.Read(ref _current) is { } session ? Task.FromResult(session) : RenewAsync(stale: null, cancellationToken);

    /// <summary>Replaces <paramref name="stale"/> with a new session, unless another caller already did.</summary>
    public async Task<SalesforceSession> RenewAsync(SalesforceSession? stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } current && !ReferenceEquals(current, stale))
            {
                return current;
            }

            TokenRequests++;
            var session = await TokenEndpoint.RequestAsync(http, options.LoginUrl, options.Credentials, time, cancellationToken);
            LogSessionStarted(options.Credentials.GetType().Name, session.InstanceUrl, session.UserId);
            Volatile.Write(ref _current, session);
            return session;
        }
        catch (SalesforceAuthenticationException ex)
        {
            LogSessionRefused(options.LoginUrl, ex.Error, ex.Description);
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Salesforce session started ({Grant}) on {InstanceUrl} as user {UserId}")]
    private partial void LogSessionStarted(string grant, Uri instanceUrl, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Salesforce login at {LoginUrl} refused: {Error}: {Description}")]
    private partial void LogSessionRefused(Uri loginUrl, string error, string description);
}
