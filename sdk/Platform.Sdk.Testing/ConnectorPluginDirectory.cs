using System.Reflection;
using System.Runtime.Loader;
using Platform.PluginContract;

namespace Platform.Sdk.Testing;

/// <summary>
/// Loads a connector from a deployed plugin folder (its <c>plugin.json</c>, assembly and dependencies) the way the host
/// does: in a load context of its own that shares only the SDK with the caller, so a connector built outside this
/// solution is checked exactly as it will run.
/// </summary>
public static class ConnectorPluginDirectory
{
    /// <summary>Loads the plugin in <paramref name="directory"/> and creates it.</summary>
    /// <param name="directory">The plugin's folder.</param>
    /// <returns>The plugin instance.</returns>
    /// <exception cref="ConformanceException">The manifest is invalid or the assembly holds no single public <see cref="IConnectorPlugin"/> with a parameterless constructor.</exception>
    public static IConnectorPlugin Load(string directory)
    {
        var (manifest, problem) = ManifestChecks.Read(directory);
        if (problem is not null)
        {
            throw new ConformanceException($"The plugin in {directory} cannot load: {problem}");
        }

        var path = Path.GetFullPath(Path.Combine(directory, manifest!.Assembly));
        var assembly = new PluginLoadContext(path).LoadFromAssemblyPath(path);
        var types = assembly.GetExportedTypes().Where(t => typeof(IConnectorPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        return types.Count == 1 && types[0].GetConstructor(Type.EmptyTypes) is { } constructor
            ? (IConnectorPlugin)constructor.Invoke(null)
            : throw new ConformanceException($"{manifest.Assembly} must hold exactly one public IConnectorPlugin with a public parameterless constructor (found {types.Count}).");
    }

    private sealed class PluginLoadContext(string path) : AssemblyLoadContext($"plugin:{Path.GetFileNameWithoutExtension(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName name)
        {
            // The contract and its logging abstractions come from the caller, as the host supplies them: one copy, shared types.
            if (name.Name is "Platform.Sdk" or "Microsoft.Extensions.Logging.Abstractions" or "Microsoft.Extensions.DependencyInjection.Abstractions")
            {
                return null;
            }

            return _resolver.ResolveAssemblyToPath(name) is { } resolved ? LoadFromAssemblyPath(resolved) : null;
        }
    }
}
