namespace Platform.Emulators.Salesforce.Model;

/// <summary>One entry of Salesforce's error array: <c>{message, errorCode, fields}</c>.</summary>
public sealed record SalesforceError(string ErrorCode, string Message, IReadOnlyList<string>? Fields = null)
{
    /// <summary>For DUPLICATES_DETECTED: the records a duplicate rule matched.</summary>
    public DuplicateMatch? Duplicates { get; init; }

    public static SalesforceError NotFound() => new("NOT_FOUND", "The requested resource does not exist");

    public static SalesforceError EntityIsDeleted() => new("ENTITY_IS_DELETED", "entity is deleted", []);

    public static SalesforceError InvalidField(string field, string objectName) => new("INVALID_FIELD", $"No such column '{field}' on sobject of type {objectName}");

    public static SalesforceError JsonParser(string message) => new("JSON_PARSER_ERROR", message);
}

/// <summary>The records a duplicate rule matched, and whether saving anyway is allowed (alert rules).</summary>
public sealed record DuplicateMatch(string ObjectName, IReadOnlyList<string> RecordIds, bool AllowSave, string Version);

/// <summary>A request the emulator refuses; carries Salesforce's HTTP status and error array.</summary>
public sealed class SalesforceException(int status, IReadOnlyList<SalesforceError> errors)
    : Exception(errors.Count > 0 ? $"{errors[0].ErrorCode}: {errors[0].Message}" : "error")
{
    public SalesforceException(int status, SalesforceError error)
        : this(status, [error])
    {
    }

    public int Status { get; } = status;

    public IReadOnlyList<SalesforceError> Errors { get; } = errors;
}
