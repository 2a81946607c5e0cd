using Platform.Testing;

namespace Platform.Host.Tests.Plugins;

/// <summary>A plugins directory for one test, assembled from the real build output of shipped and test plugins.</summary>
internal sealed class PluginsDirectory : IDisposable
{
    private readonly TempDirectory _root = new();

    public string Path => _root.Path;

    /// <summary>Copies every shipped connector in.</summary>
    public PluginsDirectory WithShippedConnectors()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.Combine(AppContext.BaseDirectory, "plugins")))
        {
            CopyFolder(folder, System.IO.Path.GetFileName(folder));
        }

        return this;
    }

    /// <summary>Copies a test plugin in under <paramref name="folderName"/> and returns its folder.</summary>
    public string AddTestPlugin(string project, string folderName) =>
        CopyFolder(System.IO.Path.Combine(AppContext.BaseDirectory, "test-plugins", project), folderName);

    /// <summary>Copies the configurable test plugin in, told how to behave.</summary>
    public string AddConfigurable(string folderName, string behavior)
    {
        var folder = AddTestPlugin("Platform.TestPlugins.Configurable", folderName);
        File.WriteAllText(System.IO.Path.Combine(folder, "behavior.txt"), behavior);
        return folder;
    }

    public string AddEmptyFolder(string folderName) => Directory.CreateDirectory(System.IO.Path.Combine(Path, folderName)).FullName;

    public void Dispose() => _root.Dispose();

    private string CopyFolder(string source, string folderName)
    {
        var target = System.IO.Path.Combine(Path, folderName);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
