namespace Platform.Benchmarks;

internal static class Memory
{
    /// <summary>Bytes on the managed heap after a full, compacting collection: what the process really keeps.</summary>
    public static long CollectedHeap()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    public static double MiB(long bytes) => bytes / (1024.0 * 1024);
}
