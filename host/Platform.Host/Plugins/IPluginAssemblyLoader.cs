using System.Reflection;

namespace Platform.Host.Plugins;

/// <summary>Loads a plugin's main assembly into a load context of its own that shares only the SDK with the host.</summary>
internal interface IPluginAssemblyLoader
{
    /// <summary>Loads the assembly; throws <see cref="PluginLoadException"/> when it cannot.</summary>
    Assembly Load(string assemblyPath);
}
