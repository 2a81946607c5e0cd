namespace Platform.Sync;

/// <summary>
/// Translates values between the systems: app → Salesforce through the mapping's map, Salesforce → app through its
/// inverse (the first app value that maps to a Salesforce value wins). Unmapped values pass through; multi-select values
/// are translated item by item.
/// </summary>
public sealed class ValueMap
{
    private readonly IReadOnlyDictionary<string, string> _toSalesforce;
    private readonly Dictionary<string, string> _toApp = new(StringComparer.Ordinal);

    public ValueMap(IReadOnlyDictionary<string, string> appToSalesforce)
    {
        _toSalesforce = appToSalesforce;
        foreach (var (app, salesforce) in appToSalesforce)
        {
            _toApp.TryAdd(salesforce, app);
        }
    }

    public bool IsEmpty => _toSalesforce.Count == 0;

    public string? ToSalesforce(string? value, bool multi) => Translate(value, multi, _toSalesforce);

    public string? ToApp(string? value, bool multi) => Translate(value, multi, _toApp);

    private static string? Translate(string? value, bool multi, IReadOnlyDictionary<string, string> map)
    {
        if (value is null || map.Count == 0)
        {
            return value;
        }

        return multi
            ? Canonical.Multi(value.Split(';').Select(v => map.TryGetValue(v, out var m) ? m : v))
            : map.TryGetValue(value, out var mapped) ? Canonical.From(mapped) : value;
    }
}
