namespace Platform.Grains.Integrations;

/// <summary>
/// The Salesforce ids of records each mapping paired by creating their counterpart during one integration cycle, so
/// mappings that reference them (contacts of accounts) can bring over children that were waiting for them. Used within
/// the integration grain's turn only.
/// </summary>
internal sealed class LinkedRecords
{
    private readonly Dictionary<string, HashSet<string>> _byMapping = new(StringComparer.Ordinal);

    public void Add(string mapping, string salesforceId)
    {
        if (!_byMapping.TryGetValue(mapping, out var ids))
        {
            _byMapping[mapping] = ids = new HashSet<string>(StringComparer.Ordinal);
        }

        ids.Add(salesforceId);
    }

    public IReadOnlyCollection<string> Of(string mapping) => _byMapping.TryGetValue(mapping, out var ids) ? ids : [];
}
