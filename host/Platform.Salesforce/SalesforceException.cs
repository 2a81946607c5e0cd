namespace Platform.Salesforce;

/// <summary>One entry of Salesforce's error array.</summary>
/// <param name="ErrorCode">e.g. <c>REQUIRED_FIELD_MISSING</c>.</param>
/// <param name="Message">Salesforce's message.</param>
/// <param name="Fields">The fields concerned, when Salesforce names them.</param>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    /// <summary>Whether retrying can help, by the error code alone.</summary>
    public SalesforceErrorKind Kind => SalesforceErrors.Classify(ErrorCode, status: 400);
}

/// <summary>What a caller should do about a failure.</summary>
public enum SalesforceErrorKind
{
    /// <summary>A passing fault (lock contention, server busy, timeout): retry with backoff.</summary>
    Transient,

    /// <summary>Salesforce refused the data or the request (validation, picklist, duplicates, deleted record): fix, then retry.</summary>
    Permanent,

    /// <summary>The daily API allocation (or this connection's share of it) is spent: wait for usage to fall.</summary>
    Budget,

    /// <summary>The credentials or the session were refused.</summary>
    Authentication,
}

/// <summary>A Salesforce request that failed, with the error array and what kind of failure it is.</summary>
public class SalesforceException : Exception
{
    public SalesforceException(string message, int statusCode, IReadOnlyList<SalesforceError> errors, SalesforceErrorKind kind, bool outcomeUnknown = false, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        Errors = errors;
        Kind = kind;
        OutcomeUnknown = outcomeUnknown;
    }

    public SalesforceException()
        : this("Salesforce request failed.", 0, [], SalesforceErrorKind.Permanent)
    {
    }

    public SalesforceException(string message)
        : this(message, 0, [], SalesforceErrorKind.Permanent)
    {
    }

    public SalesforceException(string message, Exception innerException)
        : this(message, 0, [], SalesforceErrorKind.Transient, innerException: innerException)
    {
    }

    /// <summary>The HTTP status; 0 when no answer arrived.</summary>
    public int StatusCode { get; }

    public IReadOnlyList<SalesforceError> Errors { get; }

    public SalesforceErrorKind Kind { get; }

    /// <summary>
    /// The request may have been carried out although no answer arrived (a timeout or reset after sending a create).
    /// Such writes are not retried blindly: re-read or upsert by external id instead.
    /// </summary>
    public bool OutcomeUnknown { get; }

    /// <summary>The first error's code, or <see langword="null"/>.</summary>
    public string? ErrorCode => Errors.Count > 0 ? Errors[0].ErrorCode : null;
}

/// <summary>Refused locally: the call would spend beyond this connection's share of the org's daily API allocation.</summary>
public sealed class SalesforceBudgetExceededException : SalesforceException
{
    public SalesforceBudgetExceededException(string message)
        : base(message, 0, [new SalesforceError("BUDGET_EXCEEDED", message, [])], SalesforceErrorKind.Budget)
    {
    }

    public SalesforceBudgetExceededException()
        : this("The Salesforce API budget is spent.")
    {
    }

    public SalesforceBudgetExceededException(string message, Exception innerException)
        : base(message, 0, [], SalesforceErrorKind.Budget, innerException: innerException)
    {
    }
}

/// <summary>An upsert whose external id matched several records (HTTP 300); nothing was written.</summary>
public sealed class SalesforceMultipleMatchesException : SalesforceException
{
    public SalesforceMultipleMatchesException(string message, IReadOnlyList<string> recordUrls)
        : base(message, 300, [new SalesforceError("MULTIPLE_CHOICES", message, [])], SalesforceErrorKind.Permanent)
    {
        RecordIds = [.. recordUrls.Select(u => u[(u.LastIndexOf('/') + 1)..])];
    }

    public SalesforceMultipleMatchesException()
        : this("Several records matched.", [])
    {
    }

    public SalesforceMultipleMatchesException(string message)
        : this(message, [])
    {
    }

    public SalesforceMultipleMatchesException(string message, Exception innerException)
        : base(message, innerException)
    {
        RecordIds = [];
    }

    /// <summary>The ids of the matching records.</summary>
    public IReadOnlyList<string> RecordIds { get; }
}

/// <summary>Classifies Salesforce failures.</summary>
public static class SalesforceErrors
{
    /// <summary>Whether retrying can help with an error code returned with an HTTP status.</summary>
    public static SalesforceErrorKind Classify(string? errorCode, int status) => errorCode switch
    {
        "UNABLE_TO_LOCK_ROW" or "SERVER_UNAVAILABLE" or "ALL_OR_NONE_OPERATION_ROLLED_BACK" or "PROCESSING_HALTED" or "BULK_ROW_UNPROCESSED" => SalesforceErrorKind.Transient,
        "REQUEST_LIMIT_EXCEEDED" or "BUDGET_EXCEEDED" => SalesforceErrorKind.Budget,
        "INVALID_SESSION_ID" => SalesforceErrorKind.Authentication,
        _ => status switch
        {
            500 or 502 or 503 or 504 => SalesforceErrorKind.Transient,
            401 => SalesforceErrorKind.Authentication,
            _ => SalesforceErrorKind.Permanent,
        },
    };
}
