namespace Platform.Salesforce;

/// <summary>How to reach and use one Salesforce org.</summary>
public sealed record SalesforceConnectionOptions
{
    /// <summary>Production orgs log in here.</summary>
    public static Uri Production { get; } = new("https://login.salesforce.com");

    /// <summary>Sandboxes log in here.</summary>
    public static Uri Sandbox { get; } = new("https://test.salesforce.com");

    /// <summary>
    /// Where tokens are requested: <see cref="Production"/>, <see cref="Sandbox"/>, or the org's My Domain URL. Every API
    /// call then goes to the <c>instance_url</c> the token response names.
    /// </summary>
    public required Uri LoginUrl { get; init; }

    /// <summary>How the connection authenticates.</summary>
    public required SalesforceCredentials Credentials { get; init; }

    /// <summary>The REST API version. Default: <c>60.0</c>.</summary>
    public string ApiVersion { get; init; } = "60.0";

    /// <summary>
    /// Sent as <c>Sforce-Call-Options: client=…</c> on every request, so the org's logs and change events show which
    /// writes the platform made (the basis of echo suppression). Default: <c>platform</c>.
    /// </summary>
    public string ClientName { get; init; } = "platform";

    /// <summary>
    /// The share (0–1] of the org's daily API allocation this connection may use. The allocation is shared by every
    /// integration of the org; once org-wide usage reaches this share, calls are refused locally with
    /// <see cref="SalesforceBudgetExceededException"/>. Default: 1 (the whole allocation).
    /// </summary>
    public double BudgetShare { get; init; } = 1.0;

    /// <summary>Batches larger than this many records go through Bulk API 2.0 instead of sObject Collections. Default: 10,000.</summary>
    public int BulkThreshold { get; init; } = 10_000;

    /// <summary>How long a describe is used without asking Salesforce again (then revalidated with If-Modified-Since). Default: 15 minutes.</summary>
    public TimeSpan DescribeFreshness { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Retries of transient failures. Default: see <see cref="RetryOptions"/>.</summary>
    public RetryOptions Retry { get; init; } = new();

    /// <summary>How often a Bulk job is polled until it completes. Default: 2 seconds.</summary>
    public TimeSpan BulkPollInterval { get; init; } = TimeSpan.FromSeconds(2);
}

/// <summary>Bounded exponential backoff with full jitter for transient failures.</summary>
public sealed record RetryOptions
{
    /// <summary>Attempts in all, the first included. Default: 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>The first backoff; each retry doubles it. Default: 500 ms.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest backoff. Default: 30 seconds.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
