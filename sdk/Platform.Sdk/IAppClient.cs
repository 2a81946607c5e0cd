namespace Platform.Sdk;

/// <summary>Talks to the app on behalf of one integration: reads its change feed and writes records into it.</summary>
/// <remarks>
/// Implementations must be safe to call concurrently. Failures are reported by throwing
/// <see cref="ConnectorException"/> (whole call) or by a failed <see cref="AppWriteResult"/> (one record), so the host
/// can tell transient faults, which it retries, from permanent ones, which wait for an operator.
/// Every method honours its <see cref="CancellationToken"/>.
/// </remarks>
public interface IAppClient
{
    /// <summary>Reads the next page of changes to an entity, oldest first.</summary>
    /// <param name="entity">The entity's name.</param>
    /// <param name="cursor">
    /// Where to resume: the <see cref="AppChangePage.Cursor"/> of the previous page, or <see langword="null"/> to read
    /// everything from the beginning. The host stores the cursor only after it has handled the page, so the same page may
    /// be delivered again after a crash; the host copes with that.
    /// </param>
    /// <param name="maxCount">The most changes to return; at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page; an empty page with the same cursor means nothing new.</returns>
    Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken);

    /// <summary>Reads one record.</summary>
    /// <param name="entity">The entity's name.</param>
    /// <param name="id">The record's app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record, or <see langword="null"/> when the app has no record with that id.</returns>
    Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken);

    /// <summary>Creates, updates or deletes records of one entity.</summary>
    /// <param name="entity">The entity's name.</param>
    /// <param name="writes">The writes, at most 200.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per write, in the same order.</returns>
    /// <remarks>
    /// A write may be delivered twice (after a crash or a timeout); writing the same values again must leave the
    /// record as it was. Deleting a record that no longer exists succeeds.
    /// </remarks>
    Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken);

    /// <summary>
    /// Checks that the app can be reached with the integration's settings. The host calls it when an operator tests the
    /// integration, and to learn whether an integration paused for refused credentials may resume.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The problems found; the default implementation reports none.</returns>
    Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
