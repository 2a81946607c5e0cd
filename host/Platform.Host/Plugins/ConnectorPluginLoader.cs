using System.Reflection;
using Platform.PluginContract;
using Platform.Sdk;

namespace Platform.Host.Plugins;

/// <summary>
/// Loads every plugin folder of the plugins directories. A plugin that cannot be loaded, for whatever reason, becomes a
/// failed entry with that reason; it never stops the host or the other plugins.
/// </summary>
internal sealed class ConnectorPluginLoader(IPluginAssemblyLoader assemblies)
{
    private static readonly AssemblyName HostSdk = typeof(IConnectorPlugin).Assembly.GetName();

    public ConnectorCatalog LoadAll(params IReadOnlyList<string> directories)
    {
        var entries = new List<ConnectorEntry>();
        foreach (var folder in directories.SelectMany(d => Directory.EnumerateDirectories(d).Order(StringComparer.Ordinal)))
        {
            entries.Add(LoadOne(folder, entries));
        }

        return new ConnectorCatalog(entries, string.Join(", ", directories));
    }

    private ConnectorEntry LoadOne(string folder, List<ConnectorEntry> loadedSoFar)
    {
        PluginManifest? manifest = null;
        try
        {
            var (read, manifestProblem) = ManifestChecks.Read(folder);
            manifest = manifestProblem is null ? read! : throw new PluginLoadException(manifestProblem);
            var id = manifest.Id;
            if (loadedSoFar.Find(e => e.Id == id && e.Status == ConnectorLoadStatus.Loaded) is { } first)
            {
                throw new PluginLoadException($"another plugin with id '{id}' is already loaded from {first.Location}.");
            }

            var assembly = assemblies.Load(Path.Combine(folder, manifest.Assembly));
            CheckReferences(assembly);
            var plugin = Instantiate(FindPluginType(assembly));
            var definition = Describe(plugin);
            if (DefinitionChecks.Problem(definition) is { } definitionProblem)
            {
                throw new PluginLoadException(definitionProblem);
            }

            return new ConnectorEntry
            {
                Id = id,
                Location = folder,
                Status = ConnectorLoadStatus.Loaded,
                Manifest = manifest,
                Plugin = plugin,
                Definition = definition,
            };
        }
        catch (Exception ex)
        {
            var reason = ex is PluginLoadException ? ex.Message : $"loading it threw {ex.GetType().Name}: {ex.Message}";
            return new ConnectorEntry
            {
                Id = manifest?.Id ?? Path.GetFileName(folder),
                Location = folder,
                Status = ConnectorLoadStatus.Failed,
                Manifest = manifest,
                FailureReason = reason,
            };
        }
    }

    private static void CheckReferences(Assembly assembly)
    {
        var references = assembly.GetReferencedAssemblies();
        if (references.FirstOrDefault(r => r.Name?.StartsWith("Orleans", StringComparison.Ordinal) == true) is { } orleans)
        {
            // Orleans scans every loaded assembly for generated code; plugin types must never become grain or wire types.
            throw new PluginLoadException($"it references {orleans.Name}; plugins must not use Orleans, only Platform.Sdk.");
        }

        var sdk = references.FirstOrDefault(r => r.Name == HostSdk.Name)
            ?? throw new PluginLoadException($"it does not reference {HostSdk.Name}.");
        if (sdk.Version is { } built && !SdkVersion.IsCompatible(new Version(built.Major, built.Minor)))
        {
            throw new PluginLoadException($"it was built against {HostSdk.Name} {built.ToString(2)}, which this host (SDK {SdkVersion.Current}) cannot run.");
        }
    }

    private static Type FindPluginType(Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException ex)
        {
            var cause = ex.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? ex.Message;
            throw new PluginLoadException($"a dependency could not be loaded: {cause}", ex);
        }

        var candidates = types
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IConnectorPlugin).IsAssignableFrom(t))
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new PluginLoadException($"{assembly.GetName().Name} contains no public class implementing {typeof(IConnectorPlugin).FullName}."),
            _ => throw new PluginLoadException(
                $"{assembly.GetName().Name} contains {candidates.Count} implementations of {nameof(IConnectorPlugin)} ({string.Join(", ", candidates.Select(t => t.Name))}); it must contain exactly one."),
        };
    }

    private static IConnectorPlugin Instantiate(Type type)
    {
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new PluginLoadException($"{type.FullName} has no public parameterless constructor.");
        }

        try
        {
            return (IConnectorPlugin)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            throw new PluginLoadException($"the constructor of {type.FullName} threw {inner.GetType().Name}: {inner.Message}", inner);
        }
    }

    private static ConnectorDefinition Describe(IConnectorPlugin plugin)
    {
        try
        {
            return plugin.Describe() ?? throw new PluginLoadException($"{plugin.GetType().FullName}.Describe() returned null.");
        }
        catch (Exception ex) when (ex is not PluginLoadException)
        {
            throw new PluginLoadException($"{plugin.GetType().FullName}.Describe() threw {ex.GetType().Name}: {ex.Message}", ex);
        }
    }
}
