namespace Platform.Sync;

/// <summary>A record as one side reported it (or its deletion), with values already in canonical text.</summary>
[GenerateSerializer, Immutable]
public sealed record Observation
{
    [Id(0)] public required Side Side { get; init; }

    [Id(1)] public required string Id { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    [Id(3)] public DateTimeOffset? ModifiedAt { get; init; }

    [Id(4)] public bool Deleted { get; init; }

    /// <summary>When the record was created (Salesforce's <c>CreatedDate</c>), when the side reports it.</summary>
    [Id(5)] public DateTimeOffset? CreatedAt { get; init; }
}

/// <summary>How one sent write turned out.</summary>
[GenerateSerializer, Immutable]
public sealed record WriteOutcome
{
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required bool Succeeded { get; init; }

    /// <summary>The record's id on the target (for creates, the new id).</summary>
    [Id(2)] public string? Id { get; init; }

    [Id(3)] public string? Error { get; init; }

    [Id(4)] public string? ErrorCode { get; init; }

    /// <summary>Whether retrying can help (a transient fault).</summary>
    [Id(5)] public bool Retryable { get; init; }

    public static WriteOutcome Success(long sequence, string? id) => new() { Sequence = sequence, Succeeded = true, Id = id };

    public static WriteOutcome Failure(long sequence, string error, string? code, bool retryable) =>
        new() { Sequence = sequence, Succeeded = false, Error = error, ErrorCode = code, Retryable = retryable };
}
