using System.Reflection;

namespace Platform.Testing;

/// <summary>Paths in the repository the tests were built from.</summary>
public static class RepoPaths
{
    /// <summary>The repository root (where Platform.sln is).</summary>
    public static string Root { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    /// <summary>The build configuration the tests were built in (Debug or Release).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>The built assembly of another project of the repository, e.g. a server a test starts as a process.</summary>
    public static string BuildOutput(string projectDirectory, string assemblyName) =>
        Combine(projectDirectory, "bin", Configuration, "net10.0", assemblyName + ".dll");
}
