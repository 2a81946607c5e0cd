using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Platform.Host.Plugins;
using Platform.Sdk;
using Platform.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.Host.Tests.Plugins;

public sealed class StartupGuardTests
{
    public static TheoryData<string> ShippedPluginFiles() =>
        [.. Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "*.dll", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(AppContext.BaseDirectory, f))];

    [Theory]
    [MemberData(nameof(ShippedPluginFiles))]
    public void ShippedPluginAssembly_Inspected_CarriesNoOrleansCodeOrReference(string relativePath)
    {
        using var stream = File.OpenRead(Path.Combine(AppContext.BaseDirectory, relativePath));
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
        var attributeTypes = metadata.GetAssemblyDefinition().GetCustomAttributes()
            .Select(h => AttributeTypeName(metadata, metadata.GetCustomAttribute(h))).ToList();

        references.ShouldNotContain(r => r.StartsWith("Orleans", StringComparison.Ordinal) || r.StartsWith("Microsoft.Orleans", StringComparison.Ordinal));
        attributeTypes.ShouldNotContain("Orleans.ApplicationPartAttribute");
        references.ShouldContain("Platform.Sdk");
    }

    [Fact]
    public void ShippedPluginFolders_Inspected_DoNotShipTheirOwnSdk() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "plugins"), "Platform.Sdk.dll", SearchOption.AllDirectories).ShouldBeEmpty();

    [Fact]
    public async Task Sdk_HostRunningWithPlugins_IsLoadedExactlyOnceAndSharedWithEveryPlugin()
    {
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);

        AppDomain.CurrentDomain.GetAssemblies().Count(a => a.GetName().Name == "Platform.Sdk").ShouldBe(1);
        var catalog = host.Services.GetRequiredService<ConnectorCatalog>();
        catalog.Connectors.ShouldAllBe(c => c.Plugin!.GetType().GetInterface(nameof(IConnectorPlugin)) == typeof(IConnectorPlugin));
    }

    private static string AttributeTypeName(MetadataReader metadata, CustomAttribute attribute)
    {
        var type = attribute.Constructor.Kind == HandleKind.MemberReference
            ? metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent
            : metadata.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType();
        return type.Kind switch
        {
            HandleKind.TypeReference => Name(metadata.GetTypeReference((TypeReferenceHandle)type).Namespace, metadata.GetTypeReference((TypeReferenceHandle)type).Name),
            HandleKind.TypeDefinition => Name(metadata.GetTypeDefinition((TypeDefinitionHandle)type).Namespace, metadata.GetTypeDefinition((TypeDefinitionHandle)type).Name),
            _ => "",
        };

        string Name(StringHandle ns, StringHandle name) => $"{metadata.GetString(ns)}.{metadata.GetString(name)}";
    }
}
