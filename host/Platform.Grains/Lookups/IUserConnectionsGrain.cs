namespace Platform.Grains.Lookups;

/// <summary>
/// The Salesforce accounts an integration's app users connected for lookups (individual-user mode), and the consents
/// in progress, keyed by integration id.
/// </summary>
public interface IUserConnectionsGrain : IGrainWithStringKey
{
    /// <summary>Starts a consent for <paramref name="userId"/>, valid for <paramref name="lifetime"/>; returns the opaque state that must come back with the code.</summary>
    Task<string> BeginAsync(string userId, string redirectUri, DateTimeOffset now, TimeSpan lifetime);

    /// <summary>Takes a consent in progress (once) by the state BeginAsync returned; null when it is unknown, used or expired.</summary>
    Task<PendingConsent?> TakeAsync(string consent, DateTimeOffset now);

    /// <summary>Saves a user's connection, replacing their previous one; returns the one replaced, if any.</summary>
    Task<UserConnection?> SaveAsync(UserConnection connection);

    Task<UserConnection?> GetAsync(string userId);

    Task<IReadOnlyList<UserConnection>> ListAsync();

    /// <summary>Removes a user's connection; returns it, or null when they had none.</summary>
    Task<UserConnection?> RemoveAsync(string userId);

    /// <summary>Removes everything (the integration is deleted); returns the connections removed.</summary>
    Task<IReadOnlyList<UserConnection>> ClearAsync();
}

/// <summary>A consent in progress: who asked, and where Salesforce sends them back.</summary>
[GenerateSerializer, Immutable]
public sealed record PendingConsent(
    [property: Id(0)] string UserId,
    [property: Id(1)] string RedirectUri,
    [property: Id(2)] DateTimeOffset ExpiresAt);

/// <summary>An app user's own Salesforce account; the refresh token is encrypted with the host's data-protection keys.</summary>
[GenerateSerializer, Immutable]
public sealed record UserConnection
{
    [Id(0)] public required string UserId { get; init; }

    [Id(1)] public required string SalesforceUserId { get; init; }

    [Id(2)] public required string SalesforceUsername { get; init; }

    [Id(3)] public required string ProtectedRefreshToken { get; init; }

    [Id(4)] public required DateTimeOffset ConnectedAt { get; init; }

    public override string ToString() => $"UserConnection {{ UserId = {UserId}, SalesforceUserId = {SalesforceUserId} }}";
}
