using Orleans.Storage;

namespace Platform.Storage.Relational;

/// <summary>What grain storages on SQL share: an empty state, and the error of a write based on a stale version.</summary>
public static class GrainStateRows
{
    /// <summary>Sets <paramref name="grainState"/> to the empty state at <paramref name="etag"/> (null: never stored).</summary>
    public static void Reset<T>(IGrainState<T> grainState, string? etag)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        grainState.State = typeof(T).IsValueType || typeof(T).GetConstructor(Type.EmptyTypes) is null ? default! : Activator.CreateInstance<T>();
        grainState.ETag = etag;
        grainState.RecordExists = false;
    }

    /// <summary>The error for a write or clear at version <paramref name="expected"/> when <paramref name="stored"/> is stored.</summary>
    public static InconsistentStateException Conflict(string storage, string stateName, GrainId grainId, string? expected, string? stored) => new(
        $"Grain state '{stateName}' of {grainId} in storage '{storage}' was changed elsewhere (expected version {expected ?? "none"}, stored {stored ?? "none"}).",
        stored ?? "none",
        expected ?? "none");
}
