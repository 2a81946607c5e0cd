namespace Platform.Sdk;

/// <summary>Why an app call or write failed.</summary>
public sealed record ConnectorError
{
    /// <summary>Whether retrying can help.</summary>
    public required ConnectorErrorKind Kind { get; init; }

    /// <summary>What went wrong, for operators. Never include secrets.</summary>
    public required string Message { get; init; }

    /// <summary>The app's own error code, when it gives one. Default: <see langword="null"/>.</summary>
    public string? Code { get; init; }

    /// <summary>The fields the error concerns. Default: empty.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>
    /// The error for an app's HTTP error answer: 401 and 403 are <see cref="ConnectorErrorKind.Unauthorized"/>; 408, 429
    /// and 5xx are <see cref="ConnectorErrorKind.Transient"/>; the rest are <see cref="ConnectorErrorKind.Permanent"/>.
    /// The code is the status.
    /// </summary>
    /// <param name="app">The app's name, for the message (e.g. <c>ClientSuccess</c>).</param>
    /// <param name="status">The HTTP status code.</param>
    /// <param name="detail">What the app said, e.g. its error message or the reason phrase.</param>
    /// <returns>The error.</returns>
    public static ConnectorError FromHttpStatus(string app, int status, string? detail) => new()
    {
        Kind = status switch
        {
            401 or 403 => ConnectorErrorKind.Unauthorized,
            408 or 429 or >= 500 => ConnectorErrorKind.Transient,
            _ => ConnectorErrorKind.Permanent,
        },
        Code = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Message = $"{app} answered {status}: {detail}",
    };
}

/// <summary>Whether retrying a failed call can help.</summary>
public enum ConnectorErrorKind
{
    /// <summary>A passing fault (timeout, throttling, server busy): the host retries with backoff.</summary>
    Transient,

    /// <summary>The app refused the data (validation, unknown record): the host waits for an operator.</summary>
    Permanent,

    /// <summary>
    /// The credentials were refused: the host pauses the integration with the cause and probes
    /// <see cref="IAppClient.CheckConnectionAsync"/> every few minutes (and at once when the settings are saved) to resume.
    /// </summary>
    Unauthorized,
}

/// <summary>Thrown by a connector when a whole call fails.</summary>
public sealed class ConnectorException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="error">Why the call failed.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ConnectorException(ConnectorError error, Exception? innerException = null)
        : base(error?.Message, innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>Why the call failed.</summary>
    public ConnectorError Error { get; }
}
