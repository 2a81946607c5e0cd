using System.Text.Json;
using Platform.Host.Tests.Plugins;
using Platform.Testing;

namespace Platform.Host.Tests.Interop;

/// <summary>
/// The control API as an independent client sees it: Node's @grpc/grpc-js, discovering the services through server
/// reflection alone (tests/Interop/grpc-node/check-host.mjs).
/// </summary>
public sealed class NodeGrpcClientTests
{
    [Fact]
    public async Task NodeClient_HostWithABrokenPlugin_SeesServingHealthFiveLoadedConnectorsTheFailureAndKeylessCallsRefused()
    {
        using var plugins = new PluginsDirectory().WithShippedConnectors();
        plugins.AddConfigurable("broken", "throw-in-constructor");
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path, plugins.Path);

        var result = await new NodeProject("tests/Interop/grpc-node").RunAsync(["check-host.mjs", host.Channel.Target], new Dictionary<string, string> { ["PLATFORM_API_KEY"] = host.AdminKey });

        result.ExitCode.ShouldBe(0, result.Error);
        using var report = JsonDocument.Parse(result.Output);
        var root = report.RootElement;
        root.GetProperty("services").EnumerateArray().Select(s => s.GetString()).ShouldContain("platform.control.v1.ConnectorService");
        root.GetProperty("health").GetString().ShouldBe("SERVING");
        var connectors = root.GetProperty("connectors").EnumerateArray()
            .Select(c => (Id: c.GetProperty("id").GetString(), Status: c.GetProperty("status").GetString(), Reason: c.GetProperty("failureReason").GetString()))
            .ToList();
        connectors.Count(c => c.Status == "CONNECTOR_STATUS_LOADED").ShouldBe(5);
        var failed = connectors.Where(c => c.Status == "CONNECTOR_STATUS_FAILED").ShouldHaveSingleItem();
        failed.Id.ShouldBe("configurable");
        failed.Reason!.ShouldContain("configured to fail in its constructor");
        root.GetProperty("invalidRequest").GetProperty("code").GetString().ShouldBe("INVALID_ARGUMENT");
        root.GetProperty("unauthenticated").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
        root.GetProperty("unauthenticated").GetProperty("details").GetString()!.ShouldContain("needs an API key");
    }
}
