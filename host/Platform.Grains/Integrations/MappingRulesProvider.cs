using System.Collections.Concurrent;
using Platform.Grains.Connectors;
using Platform.Grains.Instances;
using Platform.Salesforce;
using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <summary>
/// Compiled mappings per integration and configuration version, shared by the silo's grains. A pair grain whose silo has
/// not compiled them yet asks the integration grain for its configuration and compiles them itself. In a cluster the
/// configuration may change on another silo, so a silo checks the version again when its copy is older than
/// <see cref="RecheckAfter"/>.
/// </summary>
public sealed class MappingRulesProvider(IGrainFactory grains, SalesforceConnections connections, IConnectorRuntime connectors, TimeProvider time)
{
    /// <summary>How long compiled mappings are used before the integration's version is checked again.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Compiled> _cache = new(StringComparer.Ordinal);

    public async Task<MappingRules> GetAsync(string integrationId, string mapping)
    {
        var compiled = _cache.TryGetValue(integrationId, out var cached) && time.GetUtcNow() - cached.CheckedAt <= RecheckAfter
            ? cached.Rules
            // The integration grain answers this between its own turns ([AlwaysInterleave]), so asking mid-cycle is safe.
            : await CompileAsync(await grains.GetGrain<IIntegrationGrain>(integrationId).GetAsync()
                ?? throw new InvalidOperationException($"Integration '{integrationId}' does not exist."));

        return compiled.TryGetValue(mapping, out var rules)
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
            _cache[config.Id] = cached with { CheckedAt = time.GetUtcNow() };
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

        _cache[config.Id] = new Compiled(snapshot.Version, compiled, time.GetUtcNow());
        return compiled;
    }

    public void Forget(string integrationId) => _cache.TryRemove(integrationId, out _);

    private sealed record Compiled(long Version, IReadOnlyDictionary<string, MappingRules> Rules, DateTimeOffset CheckedAt);

    private static SalesforceFieldInfo? Info(FieldDescribe? field) =>
        field is null ? null : new SalesforceFieldInfo(field.Name, field.Type, field.Createable, field.Updateable);
}
