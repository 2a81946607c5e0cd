using Platform.Sdk;
using Platform.TestPlugins.Dependency;

namespace Platform.TestPlugins.NeedsDependency;

/// <summary>Derives from a type in another assembly: without that assembly, the plugin's types cannot load.</summary>
public sealed class NeedsDependencyConnector : DependencyBase, IConnectorPlugin
{
    public ConnectorDefinition Describe() => new()
    {
        Entities = [new() { Name = "thing", Fields = [new() { Name = "id", Type = FieldType.String }] }],
    };

    public IAppClient CreateClient(ConnectorContext context) => throw new NotSupportedException();
}
