using Platform.Sdk;

namespace Platform.TestPlugins.Configurable;

/// <summary>
/// A plugin whose behaviour is chosen by a <c>behavior.txt</c> file in its folder, so one build can play every way a plugin
/// can break at load: <c>throw-in-constructor</c>, <c>throw-in-describe</c>, <c>invalid-definition</c>; anything else loads.
/// </summary>
public sealed class ConfigurableConnector : IConnectorPlugin
{
    private readonly string _behavior;

    public ConfigurableConnector()
    {
        var file = Path.Combine(Path.GetDirectoryName(typeof(ConfigurableConnector).Assembly.Location)!, "behavior.txt");
        _behavior = File.Exists(file) ? File.ReadAllText(file).Trim() : "ok";
        if (_behavior == "throw-in-constructor")
        {
            throw new InvalidOperationException("configured to fail in its constructor");
        }
    }

    public ConnectorDefinition Describe() => _behavior switch
    {
        "throw-in-describe" => throw new InvalidOperationException("configured to fail in Describe"),
        "invalid-definition" => new()
        {
            Entities = [Item],
            DefaultMappings = [new() { Entity = "item", SalesforceObject = "Account", Fields = [new() { EntityField = "nope", SalesforceField = "Name" }] }],
        },
        _ => new() { Entities = [Item] },
    };

    public IAppClient CreateClient(ConnectorContext context) => throw new NotSupportedException();

    private static EntitySchema Item { get; } = new()
    {
        Name = "item",
        Fields = [new() { Name = "id", Type = FieldType.String }, new() { Name = "name", Type = FieldType.String }],
    };
}
