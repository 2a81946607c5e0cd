using System.Collections.Concurrent;
using Platform.Grains.Connectors;
using Platform.Grains.Instances;
using Platform.Salesforce;
using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <summary>
/// Compiled mappings per integration and configuration version, shared by the silo's grains. A pair grain whose silo has
/// not compiled them yet asks the integration grain for its configuration and compiles them itself.
/// </summary>
public sealed class MappingRulesProvider(IGrainFactory grains, SalesforceConnections connections, IConnectorRuntime connectors)
{
    private readonly ConcurrentDictionary<string, (long Version, IReadOnlyDictionary<string, MappingRules> Rules)> _cache = new(StringComparer.Ordinal);

    public async Task<MappingRules> GetAsync(string integrationId, string mapping)
    {
        if (!_cache.TryGetValue(integrationId, out var cached))
        {
            var snapshot = await grains.GetGrain<IIntegrationGrain>(integrationId).GetAsync()
                ?? throw new InvalidOperationException($"Integration '{integrationId}' does not exist.");
            cached = (snapshot.Version, await CompileAsync(snapshot));
        }

        return cached.Rules.TryGetValue(mapping, out var rules)
            ? rules
            : throw new InvalidOperationException($"Integration '{integrationId}' has no mapping '{mapping}'.");
    }

    /// <summary>Compiles every mapping of an integration against the live describe and caches the result.</summary>
    public async Task<IReadOnlyDictionary<string, MappingRules>> CompileAsync(IntegrationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var config = snapshot.Config;
        if (_cache.TryGetValue(config.Id, out var cached) && cached.Version == snapshot.Version)
        {
            return cached.Rules;
        }

        var definition = connectors.Find(config.ConnectorId) ?? throw new InvalidOperationException($"Connector '{config.ConnectorId}' is not loaded.");
        var connectorRules = connectors.Get(config, snapshot.Version).Rules;
        var instance = await grains.GetGrain<ISalesforceInstanceGrain>(config.InstanceId).GetAsync()
            ?? throw new InvalidOperationException($"Instance '{config.InstanceId}' does not exist.");
        var client = connections.Get(instance);
        var compiled = new Dictionary<string, MappingRules>(StringComparer.Ordinal);
        foreach (var mapping in config.Mappings)
        {
            var entity = definition.Entities.FirstOrDefault(e => e.Name == mapping.Entity)
                ?? throw new InvalidOperationException($"Connector '{config.ConnectorId}' has no entity '{mapping.Entity}'.");
            // Describes are cached by the client; a path such as Owner.Name is described through its relationship.
            var fields = new Dictionary<string, FieldDescribe?>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in mapping.Fields.Select(f => f.SalesforceField))
            {
                fields[name] = await client.DescribeFieldAsync(mapping.SalesforceObject, name);
            }

            compiled[mapping.Name] = MappingRules.Compile(config.Id, mapping, entity, name => Info(fields.GetValueOrDefault(name)), connectorRules);
        }

        _cache[config.Id] = (snapshot.Version, compiled);
        return compiled;
    }

    public void Forget(string integrationId) => _cache.TryRemove(integrationId, out _);

    private static SalesforceFieldInfo? Info(FieldDescribe? field) =>
        field is null ? null : new SalesforceFieldInfo(field.Name, field.Type, field.Createable, field.Updateable);
}
