using Platform.Emulators.Salesforce.Model;

namespace Platform.Sdk.Testing;

/// <summary>The connector to check, and how to reach the app (or the app's fake) it talks to.</summary>
public sealed record ConformanceSubject
{
    /// <summary>The plugin, as the host would create it (its public parameterless constructor).</summary>
    public required IConnectorPlugin Plugin { get; init; }

    /// <summary>The folder the plugin is deployed from (its build output): <c>plugin.json</c> and its assembly. Default: the plugin assembly's folder.</summary>
    public string? PluginDirectory { get; init; }

    /// <summary>The integration's settings that reach the app or its fake (base URL, API key…); the definition's defaults fill the rest.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>The entities to write, read and page through, with sample values. Default: none (only the static checks and error handling run).</summary>
    public IReadOnlyList<ConformanceEntity> Entities { get; init; } = [];

    /// <summary>
    /// Adds records on the app's side, as its users would, for the change-feed checks. Default: for a connector that uses
    /// the app gateway, the kit's in-memory gateway; otherwise records are created through the connector's own writes.
    /// </summary>
    public IConformanceApp? App { get; init; }

    /// <summary>The custom objects and fields the connector's default mappings expect in the org (what its guide tells admins to create). Default: none.</summary>
    public SeedDocument? SalesforceSeed { get; init; }
}

/// <summary>One entity to exercise, with values the app accepts.</summary>
public sealed record ConformanceEntity
{
    /// <summary>The entity's name, as the definition has it.</summary>
    public required string Name { get; init; }

    /// <summary>The values of a record to create (field name → value, as the platform would write them).</summary>
    public required IReadOnlyDictionary<string, object?> Create { get; init; }

    /// <summary>Changed values for an update of that record.</summary>
    public required IReadOnlyDictionary<string, object?> Update { get; init; }

    /// <summary>Whether the platform may delete this entity's records in the app. Default: <see langword="true"/>.</summary>
    public bool Deletes { get; init; } = true;

    /// <summary>
    /// Whether the change feed also carries the records the connector itself wrote (a polled API does; the app gateway does
    /// not, since apps push only their own changes). Default: <see langword="true"/>, or <see langword="false"/> for a
    /// connector that uses the app gateway.
    /// </summary>
    public bool? FeedShowsOwnWrites { get; init; }
}

/// <summary>The app's side, for records its users add (the change feed must deliver them).</summary>
public interface IConformanceApp
{
    /// <summary>Adds a record to the app as one of its users would.</summary>
    /// <param name="entity">The entity's name.</param>
    /// <param name="values">The record's values.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record's app id.</returns>
    Task<string> AddAsync(string entity, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken);
}
