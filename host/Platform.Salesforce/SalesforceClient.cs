using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Platform.Salesforce;

/// <summary>
/// The platform's way to talk to one Salesforce org: authentication, reads (SOQL paging, replication, describe),
/// writes (single records, sObject Collections, Bulk API 2.0), type conversion, retries and the API budget.
/// Safe for concurrent use; one instance per org connection.
/// </summary>
public sealed partial class SalesforceClient : IDisposable
{
    private readonly SalesforceConnectionOptions _options;
    private readonly SessionCache _sessions;
    private readonly SalesforceTransport _transport;
    private readonly DescribeCache _describes;
    private readonly RecordReader _reader;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="http">The HTTP client to use; the caller owns it (e.g. from IHttpClientFactory).</param>
    /// <param name="options">The org to reach and how.</param>
    /// <param name="logger">Where retries and session events are logged (never tokens or record data).</param>
    /// <param name="time">The clock for backoff and token times. Default: the system clock.</param>
    public SalesforceClient(HttpClient http, SalesforceConnectionOptions options, ILogger<SalesforceClient>? logger = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Credentials is PasswordCredentials && !options.LoginUrl.IsLoopback)
        {
            throw new ArgumentException(
                "The username-password flow is only allowed against a local emulator (a loopback login URL): Salesforce is retiring it. Use JWT bearer or client credentials.",
                nameof(options));
        }

        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Budget = new ApiBudget(options.BudgetShare);
        _sessions = new SessionCache(http, options, _time, _logger);
        _transport = new SalesforceTransport(http, options, _sessions, Budget, _time, _logger);
        _describes = new DescribeCache(_transport, options.DescribeFreshness, _time);
        _reader = new RecordReader(_describes);
    }

    /// <summary>The org's API usage as last reported, and this connection's share of it.</summary>
    public ApiBudget Budget { get; }

    /// <summary>API requests this client has sent (token requests excluded): what it cost the org's allocation.</summary>
    public int ApiCalls => _transport.Calls;

    /// <summary>Token requests this client has made.</summary>
    public int TokenRequests => _sessions.TokenRequests;

    /// <summary>Logs in (or returns the current session).</summary>
    public Task<SalesforceSession> ConnectAsync(CancellationToken cancellationToken = default) => _sessions.GetAsync(cancellationToken);

    /// <summary>The object's describe, cached (see <see cref="SalesforceConnectionOptions.DescribeFreshness"/>).</summary>
    public Task<SObjectDescribe> DescribeAsync(string objectName, CancellationToken cancellationToken = default) => _describes.GetAsync(objectName, cancellationToken);

    /// <summary>
    /// Describes a field of <paramref name="objectName"/>, following parent relationships for a path such as
    /// <c>Owner.Name</c> (the relationship's first target object). A path's field is read-only: it can be queried, never
    /// written through this object. Null when there is no such field.
    /// </summary>
    public async Task<FieldDescribe?> DescribeFieldAsync(string objectName, string fieldPath, CancellationToken cancellationToken = default)
    {
        var type = await _describes.GetAsync(objectName, cancellationToken);
        var parts = fieldPath.Split('.');
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (type.Relationship(parts[i]) is not { ReferenceTo: [var target, ..] })
            {
                return null;
            }

            type = await _describes.GetAsync(target, cancellationToken);
        }

        return type.Field(parts[^1]) is { } field && parts.Length > 1
            ? field with { Name = fieldPath, Createable = false, Updateable = false }
            : type.Field(parts[^1]);
    }

    internal DescribeCache Describes => _describes;

    /// <summary>Forgets a cached describe, so the next use fetches it again.</summary>
    public void InvalidateDescribe(string objectName) => _describes.Invalidate(objectName);

    public void Dispose()
    {
        _sessions.Dispose();
        _describes.Dispose();
    }
}

/// <summary>The outcome of one record of a batch write, in the order the records were given.</summary>
public sealed record SaveResult(string? Id, bool Success, IReadOnlyList<SalesforceError> Errors, bool? Created = null)
{
    /// <summary>What to do about a failure; null on success.</summary>
    public SalesforceErrorKind? ErrorKind => Success ? null : Errors.Count > 0 ? Errors[0].Kind : SalesforceErrorKind.Transient;

    public static SaveResult Failed(SalesforceError error) => new(null, false, [error]);
}

/// <summary>An upsert's outcome.</summary>
public sealed record UpsertResult(string Id, bool Created);

/// <summary>How batch writes travel.</summary>
public enum WriteMode
{
    /// <summary>Collections up to <see cref="SalesforceConnectionOptions.BulkThreshold"/> records, Bulk API 2.0 above.</summary>
    Auto,

    /// <summary>sObject Collections, 200 records per call.</summary>
    Collections,

    /// <summary>One Bulk API 2.0 ingest job.</summary>
    Bulk,
}

public sealed record WriteOptions
{
    /// <summary>Roll back a whole Collections call when one of its records fails. Default: false.</summary>
    public bool AllOrNone { get; init; }

    public WriteMode Mode { get; init; } = WriteMode.Auto;
}

public sealed record ReadOptions
{
    /// <summary>Also return deleted (recycle bin) and archived records (queryAll). Default: false.</summary>
    public bool IncludeDeleted { get; init; }

    /// <summary>How many records the query will return, if known; above the Bulk threshold the read uses Bulk API 2.0.</summary>
    public int? ExpectedCount { get; init; }

    /// <summary>Rows per REST page (200–2,000); default: Salesforce's (2,000).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Force Bulk API 2.0 (true) or REST (false); default: decided by <see cref="ExpectedCount"/>.</summary>
    public bool? UseBulk { get; init; }
}
