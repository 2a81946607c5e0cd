using Platform.Sdk;
using Platform.Sdk.Testing;

namespace Platform.Connectors.Conformance.Tests;

/// <summary>The connectors as deployed next to these tests (<c>plugins/</c>, <c>sample-plugins/</c>), loaded as the host loads them.</summary>
internal static class ShippedConnectors
{
    public static string Directory(string assembly) =>
        new[] { "plugins", "sample-plugins" }.Select(folder => Path.Combine(AppContext.BaseDirectory, folder, assembly)).First(System.IO.Directory.Exists);

    public static ConformanceSubject Subject(string assembly, IReadOnlyDictionary<string, string> settings) => new()
    {
        Plugin = ConnectorPluginDirectory.Load(Directory(assembly)),
        PluginDirectory = Directory(assembly),
        Settings = settings,
    };

    /// <summary>Runs the kit and fails the test with the whole report when a check failed.</summary>
    public static async Task<ConformanceReport> PassAsync(ConformanceSubject subject)
    {
        var report = await ConnectorConformance.RunAsync(subject, TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        report.Passed.ShouldBeTrue(report.ToString());
        return report;
    }

    public static IReadOnlyDictionary<string, object?> Values(params (string Field, object? Value)[] values) => values.ToDictionary(v => v.Field, v => v.Value);

    public static void ShouldHaveRun(this ConformanceReport report, params string[] checks) =>
        report.Results.Select(r => r.Check).ShouldBe(checks, ignoreOrder: true);

    public static string[] Checks(params string[] entities) =>
    [
        "manifest", "definition", "settings", "mappings",
        .. entities.SelectMany(e => new[] { $"writes/{e}", $"redelivery/{e}", $"feed/{e}", $"to-salesforce/{e}" }),
        "errors/unauthorized", "errors/outage", "errors/throttled", "errors/unreachable", .. entities.Length > 0 ? new[] { "errors/refused-record" } : [],
        "cancellation", "secrets",
    ];

    /// <summary>The plugin type's name, to prove it came from its own load context and not a project reference.</summary>
    public static string LoadContextOf(IConnectorPlugin plugin) => System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(plugin.GetType().Assembly)!.Name!;
}
