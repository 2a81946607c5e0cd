using Platform.Sdk;

namespace Platform.Connectors.LeadX;

/// <summary>
/// LeadX through the app gateway, with the sales manager assignment: a lead read from LeadX carries the Salesforce user
/// who receives it (mapped to OwnerId on create only), and a lead created in LeadX from Salesforce gets the default
/// LeadX user as its owner and starts in the Lead stage when Salesforce gave it none.
/// </summary>
internal sealed class LeadXClient(IAppClient gateway, string? salesforceOwnerId, string? leadXOwnerEmail) : IAppClient
{
    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var page = await gateway.GetChangesAsync(entity, cursor, maxCount, cancellationToken);
        return entity == "lead" ? page with { Changes = [.. page.Changes.Select(c => c.Record is null ? c : c with { Record = WithOwner(c.Record) })] } : page;
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        var record = await gateway.GetAsync(entity, id, cancellationToken);
        return record is not null && entity == "lead" ? WithOwner(record) : record;
    }

    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) =>
        gateway.WriteAsync(entity, entity == "lead" ? [.. writes.Select(Assigned)] : writes, cancellationToken);

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) => gateway.CheckConnectionAsync(cancellationToken);

    private AppRecord WithOwner(AppRecord record) => salesforceOwnerId is null ? record : record with
    {
        Values = new Dictionary<string, object?>(record.Values) { [LeadXSchema.SalesforceOwnerField] = salesforceOwnerId },
    };

    private AppWrite Assigned(AppWrite write)
    {
        if (write.Kind != AppWriteKind.Create)
        {
            return write;
        }

        var values = new Dictionary<string, object?>(write.Values);
        if (leadXOwnerEmail is not null)
        {
            values.TryAdd("ownerEmail", leadXOwnerEmail);
        }

        if (values.GetValueOrDefault("stage") is null)
        {
            values["stage"] = LeadXSchema.LeadStage;
        }

        return write with { Values = values };
    }
}
