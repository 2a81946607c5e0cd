using Platform.Cli;
using Platform.Testing;

namespace Platform.Host.Tests.Cli;

/// <summary>The <c>platform</c> tool run as a process, without colour, 200 columns wide, with a config home of its own.</summary>
internal static class CliProcess
{
    /// <summary>Runs the CLI with <paramref name="arguments"/>, <paramref name="apiKey"/> in PLATFORM_API_KEY and <paramref name="address"/> in PLATFORM_ADDRESS (empty when null).</summary>
    /// <remarks><paramref name="configHome"/> is XDG_CONFIG_HOME; by default an empty folder, so no config file of the machine's is read.</remarks>
    public static async Task<ProcessResult> RunAsync(string? apiKey, string[] arguments, string? address = null, string? configHome = null)
    {
        using var emptyHome = new TempDirectory();
        var environment = new Dictionary<string, string>
        {
            ["NO_COLOR"] = "1",
            ["COLUMNS"] = "200",
            ["XDG_CONFIG_HOME"] = configHome ?? emptyHome.Path,
            ["PLATFORM_API_KEY"] = apiKey ?? "",
            ["PLATFORM_ADDRESS"] = address ?? "",
        };
        return await ExternalProcess.RunAsync("dotnet", [RepoPaths.BuildOutput("sdk/Platform.Cli", "platform"), .. arguments], RepoPaths.Root, TimeSpan.FromMinutes(1), environment);
    }

    public static void ShouldSucceedWith(this ProcessResult result, string expected) =>
        result.ShouldSatisfyAllConditions(r => r.ExitCode.ShouldBe(ExitCodes.Success, r.Error), r => r.Output.ShouldContain(expected));
}
