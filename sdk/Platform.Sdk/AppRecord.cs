namespace Platform.Sdk;

/// <summary>A record as the app holds it.</summary>
/// <remarks>
/// Values are keyed by <see cref="FieldSchema.Name"/> and take the .NET type their <see cref="FieldType"/> names;
/// <see langword="null"/> means the field is empty. Fields missing from <see cref="Values"/> are unknown, not empty.
/// </remarks>
public sealed record AppRecord
{
    /// <summary>The record's id in the app.</summary>
    public required string Id { get; init; }

    /// <summary>The field values.</summary>
    public required IReadOnlyDictionary<string, object?> Values { get; init; }

    /// <summary>When the app last changed the record. Default: <see langword="null"/> (unknown).</summary>
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <summary>
    /// When a user last worked on the record in the app (opened or edited it), if the app tells. For an integration
    /// with an activity window, a record active within the window counts as active: Salesforce changes reach it at the
    /// integration's interval. Set it from user activity only, never from the platform's own writes. Default:
    /// <see langword="null"/> (unknown; only the control API's TouchPair marks the record active).
    /// </summary>
    public DateTimeOffset? ActiveAt { get; init; }
}

/// <summary>One change in an app's change feed.</summary>
public sealed record AppChange
{
    /// <summary>The record's id in the app.</summary>
    public required string Id { get; init; }

    /// <summary>Whether the record was created or changed, or deleted.</summary>
    public required AppChangeKind Kind { get; init; }

    /// <summary>The record after the change; <see langword="null"/> for deletes.</summary>
    public AppRecord? Record { get; init; }

    /// <summary>When the change happened. Default: <see langword="null"/> (unknown).</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

/// <summary>The kind of an <see cref="AppChange"/>.</summary>
public enum AppChangeKind
{
    /// <summary>The record was created or changed.</summary>
    Upserted,

    /// <summary>The record was deleted.</summary>
    Deleted,
}

/// <summary>A page of an app's change feed.</summary>
public sealed record AppChangePage
{
    /// <summary>The changes, oldest first.</summary>
    public required IReadOnlyList<AppChange> Changes { get; init; }

    /// <summary>Opaque position after the last change; pass it to read the next page.</summary>
    public required string? Cursor { get; init; }

    /// <summary>Whether more changes are ready to read now. Default: <see langword="false"/>.</summary>
    public bool HasMore { get; init; }
}
