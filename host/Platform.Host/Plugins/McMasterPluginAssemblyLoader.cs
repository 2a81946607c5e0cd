using System.Collections.Concurrent;
using System.Reflection;
using McMaster.NETCore.Plugins;
using Platform.Sdk;

namespace Platform.Host.Plugins;

/// <summary>Loads plugins with McMaster.NETCore.Plugins, each in a non-collectible context of its own.</summary>
internal sealed class McMasterPluginAssemblyLoader : IPluginAssemblyLoader
{
    // The SDK and the logging abstractions it exposes come from the host; everything else the plugin ships stays its own.
    private static readonly Type[] SharedTypes = [typeof(IConnectorPlugin), typeof(Microsoft.Extensions.Logging.ILogger)];

    // Contexts are shared by every host built in the process (tests build several): loading a plugin twice would put
    // two copies of its types in the process, which confuses type resolution and leaks a context each time.
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> Loaded = new(StringComparer.Ordinal);

    public Assembly Load(string assemblyPath)
    {
        var fullPath = Path.GetFullPath(assemblyPath);
        if (!File.Exists(fullPath))
        {
            throw new PluginLoadException($"its assembly {Path.GetFileName(fullPath)} was not found in {Path.GetDirectoryName(fullPath)}.");
        }

        var assembly = Loaded.GetOrAdd(fullPath, path => new Lazy<Assembly>(() => LoadInNewContext(path)));
        try
        {
            return assembly.Value;
        }
        catch
        {
            Loaded.TryRemove(fullPath, out _);
            throw;
        }
    }

    private static Assembly LoadInNewContext(string path)
    {
#pragma warning disable CA2000 // The loader lives as long as the process: plugins are never unloaded.
        var loader = PluginLoader.CreateFromAssemblyFile(path, SharedTypes, config => config.PreferSharedTypes = false);
#pragma warning restore CA2000
        try
        {
            return loader.LoadDefaultAssembly();
        }
        catch (BadImageFormatException ex)
        {
            throw new PluginLoadException($"{Path.GetFileName(path)} is not a valid .NET assembly.", ex);
        }
        catch (FileLoadException ex)
        {
            throw new PluginLoadException($"{Path.GetFileName(path)} could not be loaded: {ex.Message}", ex);
        }
    }
}
