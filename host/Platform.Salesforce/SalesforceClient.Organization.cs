namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    private OrganizationFacts? _organization;

    /// <summary>The org's id and whether it is a sandbox; read once (one query), then remembered: neither ever changes.</summary>
    public async Task<OrganizationFacts> GetOrganizationAsync(CancellationToken cancellationToken = default)
    {
        if (_organization is { } known)
        {
            return known;
        }

        await foreach (var row in ReadAsync(Soql.Format($"SELECT Id, IsSandbox FROM Organization LIMIT 1"), cancellationToken: cancellationToken))
        {
            return _organization = new OrganizationFacts(row.Id, row.Values.GetValueOrDefault("IsSandbox") is true);
        }

        throw new SalesforceException("The org returned no Organization record.");
    }
}

/// <summary>What never changes about an org.</summary>
/// <param name="Id">The org's id (<c>00D…</c>), as the Organization record gives it.</param>
/// <param name="IsSandbox">Whether the org is a sandbox.</param>
public sealed record OrganizationFacts(string Id, bool IsSandbox);
