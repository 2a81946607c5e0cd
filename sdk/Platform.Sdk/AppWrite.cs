namespace Platform.Sdk;

/// <summary>One write the host asks the app to make.</summary>
public sealed record AppWrite
{
    /// <summary>Create, update or delete.</summary>
    public required AppWriteKind Kind { get; init; }

    /// <summary>The record's app id; <see langword="null"/> for creates.</summary>
    public string? Id { get; init; }

    /// <summary>The values to set (only the fields that change); empty for deletes. Default: empty.</summary>
    public IReadOnlyDictionary<string, object?> Values { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// A key that stays the same when the host delivers this write again. A connector whose app supports idempotency
    /// keys or external ids can use it to avoid creating a record twice.
    /// </summary>
    public required string IdempotencyKey { get; init; }
}

/// <summary>The kind of an <see cref="AppWrite"/>.</summary>
public enum AppWriteKind
{
    /// <summary>Create a record.</summary>
    Create,

    /// <summary>Change a record's values.</summary>
    Update,

    /// <summary>Delete a record.</summary>
    Delete,
}

/// <summary>The outcome of one <see cref="AppWrite"/>.</summary>
public sealed record AppWriteResult
{
    /// <summary>The record's app id (for creates, the new id); <see langword="null"/> when a create failed.</summary>
    public string? Id { get; init; }

    /// <summary>Why the write failed; <see langword="null"/> when it succeeded.</summary>
    public ConnectorError? Error { get; init; }

    /// <summary>Whether the write succeeded.</summary>
    public bool Succeeded => Error is null;

    /// <summary>A successful write.</summary>
    /// <param name="id">The record's app id.</param>
    /// <returns>The result.</returns>
    public static AppWriteResult Success(string id) => new() { Id = id };

    /// <summary>A failed write.</summary>
    /// <param name="error">Why it failed.</param>
    /// <param name="id">The record's app id, when known.</param>
    /// <returns>The result.</returns>
    public static AppWriteResult Failure(ConnectorError error, string? id = null) => new() { Id = id, Error = error };
}
