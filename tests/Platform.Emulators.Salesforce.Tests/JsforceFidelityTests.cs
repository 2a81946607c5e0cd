using Platform.Testing;

namespace Platform.Emulators.Salesforce.Tests;

/// <summary>
/// The independent fidelity check: jsforce, an npm Salesforce client written against real orgs, drives the standalone
/// emulator through its own documented API (tests/Interop/jsforce/*.test.mjs).
/// </summary>
public sealed class JsforceFidelityTests(StandaloneEmulatorFixture emulator) : IClassFixture<StandaloneEmulatorFixture>
{
    private static readonly NodeProject Suite = new("tests/Interop/jsforce");

    [Theory]
    [InlineData("auth.test.mjs")]
    [InlineData("crud.test.mjs")]
    [InlineData("query.test.mjs")]
    [InlineData("upsert.test.mjs")]
    [InlineData("replication.test.mjs")]
    [InlineData("describe.test.mjs")]
    [InlineData("errors.test.mjs")]
    [InlineData("bulk.test.mjs")]
    public async Task Jsforce_AgainstTheStandaloneEmulator_PassesItsChecks(string file)
    {
        var result = await Suite.RunAsync(
            ["--test", "--test-reporter=spec", file],
            new Dictionary<string, string> { ["SF_LOGIN_URL"] = emulator.Server.BaseUrl.ToString().TrimEnd('/') });

        result.ExitCode.ShouldBe(0, $"{result.Output}\n{result.Error}\n--- emulator output ---\n{emulator.Server.Output}");
    }
}

public sealed class StandaloneEmulatorFixture : IAsyncLifetime
{
    public ServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await ServerProcess.StartAsync(
            RepoPaths.BuildOutput("sdk/Platform.Emulators.Salesforce.Server", "Platform.Emulators.Salesforce.Server"),
            "/services/data",
            "--seed", RepoPaths.Combine("tests/Interop/jsforce/seed.json"),
            "--daily-api-requests", "1000000");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
