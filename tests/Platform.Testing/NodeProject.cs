using Xunit;

namespace Platform.Testing;

/// <summary>
/// A Node.js project of the repository (an independent client used to check our servers). Its packages are installed
/// from its lock file on first use; tests skip with a clear reason when Node.js is not installed.
/// </summary>
public sealed class NodeProject(string relativePath)
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    public string Directory { get; } = RepoPaths.Combine(relativePath);

    public Task<ProcessResult> RunAsync(params string[] arguments) => RunAsync(arguments, environment: null);

    /// <summary>Runs <c>node &lt;arguments&gt;</c> in the project's folder with extra environment variables.</summary>
    public async Task<ProcessResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment)
    {
        if (!await ExternalProcess.IsAvailableAsync("node"))
        {
            Assert.Skip("Node.js is not installed; the independent-client checks need it (CI installs it).");
        }

        await EnsureInstalledAsync();
        return await ExternalProcess.RunAsync("node", arguments, Directory, TimeSpan.FromMinutes(5), environment);
    }

    private async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules")))
            {
                return;
            }

            var install = await ExternalProcess.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], Directory, TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci failed in {Directory}:\n{install.Output}\n{install.Error}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }
}
