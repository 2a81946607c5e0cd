using System.Collections.Concurrent;

namespace Platform.Grains.Integrations;

/// <summary>
/// The Salesforce ids of records each mapping paired by creating their counterpart during one integration cycle, so
/// mappings that reference them (contacts of accounts) can bring over children that were waiting for them.
/// </summary>
internal sealed class LinkedRecords
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<string>> _byMapping = new(StringComparer.Ordinal);

    public void Add(string mapping, string salesforceId) => _byMapping.GetOrAdd(mapping, _ => []).Add(salesforceId);

    public IReadOnlyCollection<string> Of(string mapping) => _byMapping.TryGetValue(mapping, out var ids) ? [.. ids.Distinct(StringComparer.Ordinal)] : [];
}
