using Platform.Host.Plugins;

namespace Platform.Host.Tests.Plugins;

public sealed class ConnectorPluginLoaderTests : IDisposable
{
    private readonly PluginsDirectory _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Fact]
    public void LoadAll_ShippedConnectors_LoadsAllFiveWithTheirDefinitions()
    {
        _plugins.WithShippedConnectors();

        var catalog = Load();

        catalog.Connectors.Count.ShouldBe(5);
        catalog.Connectors.ShouldAllBe(c => c.Status == ConnectorLoadStatus.Loaded && c.Plugin != null && c.Definition != null);
    }

    [Fact]
    public void LoadAll_WorkingTestPlugin_Loads()
    {
        _plugins.AddConfigurable("good", "ok");

        Single().Status.ShouldBe(ConnectorLoadStatus.Loaded);
    }

    [Fact]
    public void LoadAll_FolderWithoutManifest_FailsSayingTheManifestIsMissing()
    {
        _plugins.AddEmptyFolder("stray");

        var entry = Single();

        (entry.Id, entry.Status).ShouldBe(("stray", ConnectorLoadStatus.Failed));
        entry.FailureReason.ShouldBe("plugin.json is missing.");
    }

    [Fact]
    public void LoadAll_MalformedManifest_FailsSayingItIsMalformed()
    {
        File.WriteAllText(Path.Combine(_plugins.AddConfigurable("broken-json", "ok"), "plugin.json"), "{ \"id\": \"x\", ");

        Single().FailureReason.ShouldStartWith("plugin.json is malformed:");
    }

    [Fact]
    public void LoadAll_ManifestWithoutId_FailsNamingTheMissingProperty()
    {
        File.WriteAllText(
            Path.Combine(_plugins.AddConfigurable("no-id", "ok"), "plugin.json"),
            """{ "displayName": "X", "version": "1.0.0", "sdkVersion": "1.0", "assembly": "Platform.TestPlugins.Configurable.dll" }""");

        var reason = Single().FailureReason!;

        reason.ShouldStartWith("plugin.json is malformed:");
        reason.ShouldContain("'id'");
    }

    [Fact]
    public void LoadAll_ManifestWithInvalidId_FailsNamingTheId()
    {
        RewriteManifest(_plugins.AddConfigurable("bad-id", "ok"), id: "Has Spaces");

        Single().FailureReason!.ShouldContain("id must be lower-case letters, digits and dashes");
    }

    [Theory]
    [InlineData("2.0")]
    [InlineData("1.9")]
    [InlineData("0.9")]
    public void LoadAll_IncompatibleSdkVersion_FailsAsIncompatible(string sdkVersion)
    {
        RewriteManifest(_plugins.AddConfigurable("future", "ok"), sdkVersion: sdkVersion);

        Single().FailureReason.ShouldBe(
            $"it targets SDK {sdkVersion}, which this host (SDK 1.0) cannot run: the major version must match and the minor version must not be newer.");
    }

    [Fact]
    public void LoadAll_AssemblyFileMissing_FailsNamingTheAssembly()
    {
        RewriteManifest(_plugins.AddConfigurable("missing-dll", "ok"), assembly: "Nowhere.dll");

        Single().FailureReason.ShouldStartWith("its assembly Nowhere.dll was not found");
    }

    [Fact]
    public void LoadAll_AssemblyIsNotDotNet_FailsSayingSo()
    {
        var folder = _plugins.AddConfigurable("garbage-dll", "ok");
        File.WriteAllText(Path.Combine(folder, "Platform.TestPlugins.Configurable.dll"), "not an assembly");

        Single().FailureReason.ShouldBe("Platform.TestPlugins.Configurable.dll is not a valid .NET assembly.");
    }

    [Fact]
    public void LoadAll_DependencyMissing_FailsNamingTheDependency()
    {
        var folder = _plugins.AddTestPlugin("Platform.TestPlugins.NeedsDependency", "needs-dependency");
        File.Delete(Path.Combine(folder, "Platform.TestPlugins.Dependency.dll"));

        var reason = Single().FailureReason!;

        reason.ShouldStartWith("a dependency could not be loaded:");
        reason.ShouldContain("Platform.TestPlugins.Dependency");
    }

    [Fact]
    public void LoadAll_DependencyPresent_Loads()
    {
        _plugins.AddTestPlugin("Platform.TestPlugins.NeedsDependency", "needs-dependency");

        Single().Status.ShouldBe(ConnectorLoadStatus.Loaded);
    }

    [Fact]
    public void LoadAll_ConstructorThrows_FailsWithTheExceptionAndMessage()
    {
        _plugins.AddConfigurable("ctor", "throw-in-constructor");

        Single().FailureReason.ShouldBe(
            "the constructor of Platform.TestPlugins.Configurable.ConfigurableConnector threw InvalidOperationException: configured to fail in its constructor");
    }

    [Fact]
    public void LoadAll_DescribeThrows_FailsWithTheExceptionAndMessage()
    {
        _plugins.AddConfigurable("describe", "throw-in-describe");

        Single().FailureReason.ShouldBe(
            "Platform.TestPlugins.Configurable.ConfigurableConnector.Describe() threw InvalidOperationException: configured to fail in Describe");
    }

    [Fact]
    public void LoadAll_DefinitionMapsUnknownField_FailsNamingTheMapping()
    {
        _plugins.AddConfigurable("invalid", "invalid-definition");

        Single().FailureReason.ShouldBe("its definition is invalid: the default mapping item.nope → Account.Name names an unknown or empty field.");
    }

    [Fact]
    public void LoadAll_DuplicateId_SecondFailsAndFirstStaysLoaded()
    {
        var first = _plugins.AddConfigurable("a-first", "ok");
        _plugins.AddConfigurable("b-second", "ok");

        var catalog = Load();

        catalog.Connectors.Select(c => (c.Id, c.Status)).ShouldBe([("configurable", ConnectorLoadStatus.Loaded), ("configurable", ConnectorLoadStatus.Failed)]);
        catalog.Connectors[1].FailureReason.ShouldBe($"another plugin with id 'configurable' is already loaded from {first}.");
        catalog.Find("configurable")!.Status.ShouldBe(ConnectorLoadStatus.Loaded);
    }

    [Fact]
    public void LoadAll_OneBrokenAmongShipped_OnlyTheBrokenOneFails()
    {
        _plugins.WithShippedConnectors();
        _plugins.AddConfigurable("broken", "throw-in-constructor");

        var catalog = Load();

        catalog.Connectors.Count(c => c.Status == ConnectorLoadStatus.Loaded).ShouldBe(5);
        catalog.Connectors.Single(c => c.Status == ConnectorLoadStatus.Failed).Id.ShouldBe("configurable");
    }

    private ConnectorCatalog Load() => new ConnectorPluginLoader(new McMasterPluginAssemblyLoader()).LoadAll(_plugins.Path);

    private ConnectorEntry Single() => Load().Connectors.ShouldHaveSingleItem();

    private static void RewriteManifest(string folder, string id = "configurable", string sdkVersion = "1.0", string assembly = "Platform.TestPlugins.Configurable.dll") =>
        File.WriteAllText(
            Path.Combine(folder, "plugin.json"),
            $$"""{ "id": "{{id}}", "displayName": "Test", "version": "1.0.0", "sdkVersion": "{{sdkVersion}}", "assembly": "{{assembly}}" }""");
}
