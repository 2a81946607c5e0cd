using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Platform.Storage.Relational;

/// <summary>
/// Orleans grain storage on a SQL table of one row per state, versioned by an integer ETag: a write or clear based on a
/// stale ETag fails with <see cref="InconsistentStateException"/>, so two activations of one grain can never both win.
/// Clearing keeps a tombstone row (no payload) with the next version, so a stale activation cannot resurrect cleared
/// state. This class keeps Orleans' side of the contract; a store only reads and writes rows, and prepares its table
/// before the silo's grains run (<see cref="InitializeAsync"/>).
/// </summary>
public abstract partial class VersionedGrainStorage(string name, IGrainStorageSerializer serializer, ILogger logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The provider's name, part of each row's key.</summary>
    protected string Name { get; } = name;

    /// <inheritdoc />
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe($"{GetType().FullName}-{Name}", ServiceLifecycleStage.ApplicationServices, InitializeAsync);

    /// <summary>Creates or migrates the storage's table; runs once, as the silo starts.</summary>
    protected abstract Task InitializeAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var row = await LoadAsync(stateName, grainId);
        var etag = row?.Version.ToString(CultureInfo.InvariantCulture);
        if (row?.Payload is not { } payload)
        {
            Reset(grainState, etag);
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.ETag = await SaveAsync(stateName, grainId, grainState.ETag, serializer.Serialize(grainState.State).ToArray());
        grainState.RecordExists = true;
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Reset(grainState, await SaveAsync(stateName, grainId, grainState.ETag, payload: null));
    }

    /// <summary>The row's version and payload (null for a tombstone), or null when the state was never stored.</summary>
    protected abstract Task<(long Version, byte[]? Payload)?> LoadAsync(string stateName, GrainId grainId);

    /// <summary>Inserts version 1 (<paramref name="expected"/> null) or moves version <paramref name="expected"/> to the next; false when the stored version differs.</summary>
    protected abstract Task<bool> TrySaveAsync(string stateName, GrainId grainId, long? expected, byte[]? payload);

    /// <summary>The stored version, or null when there is no row.</summary>
    protected abstract Task<long?> ReadVersionAsync(string stateName, GrainId grainId);

    private async Task<string> SaveAsync(string stateName, GrainId grainId, string? etag, byte[]? payload)
    {
        var expected = etag is null ? (long?)null : long.Parse(etag, CultureInfo.InvariantCulture);
        if (await TrySaveAsync(stateName, grainId, expected, payload))
        {
            return ((expected ?? 0) + 1).ToString(CultureInfo.InvariantCulture);
        }

        var stored = (await ReadVersionAsync(stateName, grainId))?.ToString(CultureInfo.InvariantCulture);
        LogConflict(Name, stateName, grainId, etag, stored);
        throw new InconsistentStateException(
            $"Grain state '{stateName}' of {grainId} in storage '{Name}' was changed elsewhere (expected version {etag ?? "none"}, stored {stored ?? "none"}).",
            stored ?? "none",
            etag ?? "none");
    }

    private static void Reset<T>(IGrainState<T> grainState, string? etag)
    {
        grainState.State = typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is null ? default! : Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write conflict in grain storage {Provider}: state {StateName} of {GrainId} expected version {Expected}, stored {Stored}")]
    private partial void LogConflict(string provider, string stateName, GrainId grainId, string? expected, string? stored);
}
