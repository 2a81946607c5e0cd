using Platform.Salesforce;

namespace Platform.Grains.Lookups;

/// <summary>A Salesforce record a lookup found.</summary>
public sealed record FoundRecord(string Id, string Name);

/// <summary>Finds records by name, as the client's user sees them.</summary>
public static class RecordSearch
{
    /// <summary>
    /// Records of <paramref name="objectType"/> whose name field (from describe: Name, CaseNumber, Subject…) contains
    /// <paramref name="text"/>, ordered by name. Costs one query, plus a describe when the client has none cached.
    /// </summary>
    public static async Task<IReadOnlyList<FoundRecord>> SearchAsync(SalesforceClient client, string objectType, string text, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var describe = await client.DescribeAsync(objectType, cancellationToken);
        var name = SoqlIdentifier.Of(describe.FieldList.FirstOrDefault(f => f.NameField)?.Name ?? "Name");
        var soql = Soql.Format($"SELECT Id, {name} FROM {SoqlIdentifier.Of(describe.Name)} WHERE {name} LIKE {text:contains} ORDER BY {name} LIMIT {limit}");
        var found = new List<FoundRecord>();
        await foreach (var record in client.ReadAsync(soql, cancellationToken: cancellationToken))
        {
            found.Add(new FoundRecord(record.Id, record.Values.GetValueOrDefault(name.Name) as string ?? ""));
        }

        return found;
    }
}
