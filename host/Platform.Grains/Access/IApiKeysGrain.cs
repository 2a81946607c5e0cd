namespace Platform.Grains.Access;

/// <summary>
/// The deployment's API keys (key 0): a hash of each secret and what the key may do. Silos keep a copy to check calls
/// against and read it again when a key changes, so this grain is asked on changes, not on every call.
/// </summary>
public interface IApiKeysGrain : IGrainWithIntegerKey
{
    /// <summary>Adds <paramref name="key"/>; with <paramref name="onlyFirst"/>, only when no key was ever added. Returns whether it was added.</summary>
    Task<bool> AddAsync(ApiKeyRecord key, bool onlyFirst = false);

    /// <summary>Every key ever added, revoked ones included.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListAsync();

    /// <summary>Marks a key revoked (once; a revoked key keeps its first revocation); null when no key has that id.</summary>
    Task<ApiKeyRecord?> RevokeAsync(string id, DateTimeOffset at, string by);

    /// <summary>Keeps the latest use of each key silos report (ids of unknown keys are ignored; an older time never replaces a newer).</summary>
    Task RecordUseAsync(IReadOnlyDictionary<string, DateTimeOffset> lastUsed);
}

/// <summary>What a key may do.</summary>
[GenerateSerializer]
public enum ApiKeyRole
{
    /// <summary>Reads everything.</summary>
    Viewer = 1,

    /// <summary>Reads, and runs integrations.</summary>
    Operator = 2,

    /// <summary>Everything, API keys included.</summary>
    Admin = 3,

    /// <summary>One integration's app: its gateway and lookups only.</summary>
    App = 4,
}

/// <summary>A stored API key: never the secret, only its SHA-256 (the secret is 256 random bits, so no stretching is needed).</summary>
[GenerateSerializer, Immutable]
public sealed record ApiKeyRecord
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    [Id(2)] public required ApiKeyRole Role { get; init; }

    /// <summary>The integration an <see cref="ApiKeyRole.App"/> key belongs to; null for the other roles.</summary>
    [Id(3)] public string? IntegrationId { get; init; }

    /// <summary>SHA-256 of the secret, lower-case hex.</summary>
    [Id(4)] public required string SecretHash { get; init; }

    [Id(5)] public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The id of the key that created this one; null for the first admin key.</summary>
    [Id(6)] public string? CreatedBy { get; init; }

    [Id(7)] public DateTimeOffset? ExpiresAt { get; init; }

    [Id(8)] public DateTimeOffset? RevokedAt { get; init; }

    [Id(9)] public string? RevokedBy { get; init; }

    /// <summary>The latest call made with the key, as silos reported it (about once a minute); null when never used.</summary>
    [Id(10)] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Whether the key works at <paramref name="now"/>: not revoked and not expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public override string ToString() => $"ApiKeyRecord {{ Id = {Id}, Name = {Name}, Role = {Role} }}";
}
