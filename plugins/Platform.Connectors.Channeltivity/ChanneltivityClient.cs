using Platform.Sdk;

namespace Platform.Connectors.Channeltivity;

/// <summary>
/// Channeltivity through the app gateway. Every record read carries the sync flag (set) and the chosen record type, so
/// that an account or contact created from it in Salesforce is flagged for sync and of that record type.
/// </summary>
internal sealed class ChanneltivityClient(IAppClient gateway, string? accountRecordType, string? contactRecordType) : IAppClient
{
    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var page = await gateway.GetChangesAsync(entity, cursor, maxCount, cancellationToken);
        return page with { Changes = [.. page.Changes.Select(c => c.Record is null ? c : c with { Record = Completed(entity, c.Record) })] };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        await gateway.GetAsync(entity, id, cancellationToken) is { } record ? Completed(entity, record) : null;

    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) =>
        gateway.WriteAsync(entity, writes, cancellationToken);

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) => gateway.CheckConnectionAsync(cancellationToken);

    private AppRecord Completed(string entity, AppRecord record)
    {
        var values = new Dictionary<string, object?>(record.Values);
        if (entity == ChanneltivitySchema.Partner)
        {
            values[ChanneltivitySchema.SyncFlagField] = true;
            values[ChanneltivitySchema.RecordTypeField] = accountRecordType;
        }
        else
        {
            values[ChanneltivitySchema.RecordTypeField] = contactRecordType;
        }

        return record with { Values = values };
    }
}
