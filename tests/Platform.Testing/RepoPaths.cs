using System.Reflection;

namespace Platform.Testing;

/// <summary>Paths in the repository the tests were built from.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (where Platform.sln is).</summary>
    public static string Root { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);
}
