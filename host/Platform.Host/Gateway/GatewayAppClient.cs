using System.Globalization;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Host.Gateway;

/// <summary>
/// The app of one integration as the gateway sees it (<see cref="ConnectorContext.AppGateway"/>): the records it pushed
/// are the change feed, and writes are queued for its stream and answered when it acknowledges them.
/// </summary>
internal sealed class GatewayAppClient(string integrationId, ConnectorDefinition definition, IGatewayStore store, GatewayHub hub, GatewayOptions options, TimeProvider time) : IAppClient
{
    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var after = cursor is null ? 0 : long.Parse(cursor, CultureInfo.InvariantCulture);
        var records = await store.ReadChangesAsync(integrationId, entity, after, maxCount, cancellationToken);
        var schema = Schema(entity);
        return new AppChangePage
        {
            Changes = [.. records.Select(r => r.Deleted
                ? new AppChange { Id = r.Id, Kind = AppChangeKind.Deleted, OccurredAt = r.ModifiedAt }
                : new AppChange { Id = r.Id, Kind = AppChangeKind.Upserted, Record = ToRecord(schema, r), OccurredAt = r.ModifiedAt })],
            Cursor = records.Count > 0 ? records[^1].Position.ToString(CultureInfo.InvariantCulture) : cursor,
            HasMore = records.Count == maxCount,
        };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        await store.GetRecordAsync(integrationId, entity, id, cancellationToken) is { Deleted: false } record ? ToRecord(Schema(entity), record) : null;

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var answers = writes.Select(w => hub.Await(integrationId, w.IdempotencyKey)).ToArray();
        var now = time.GetUtcNow();
        var queued = await store.EnqueueAsync([.. writes.Select(write => new GatewayWrite
        {
            IntegrationId = integrationId,
            Entity = entity,
            Kind = write.Kind.ToString().ToLowerInvariant(),
            RecordId = write.Id,
            Values = write.Values.ToDictionary(v => v.Key, v => Canonical.From(v.Value), StringComparer.Ordinal),
            IdempotencyKey = write.IdempotencyKey,
            QueuedAt = now,
        })], cancellationToken);
        hub.Queued(integrationId);
        // A disconnected app answers nothing now; its writes wait in the queue and the host's retry finds the answers.
        // A network wait, not a business time, so it runs on the real clock whatever clock the host syncs by.
        var deadline = Task.Delay(hub.IsConnected(integrationId) ? options.WriteTimeout : TimeSpan.Zero, cancellationToken);
        await Task.WhenAny(Task.WhenAll(answers), deadline);
        cancellationToken.ThrowIfCancellationRequested();
        var results = new AppWriteResult[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var answer = queued[i].Result ?? (answers[i].IsCompletedSuccessfully ? answers[i].Result : null);
            hub.Forget(integrationId, writes[i].IdempotencyKey);
            results[i] = answer switch
            {
                null => AppWriteResult.Failure(new ConnectorError
                {
                    Kind = ConnectorErrorKind.Transient,
                    Code = "APP_NOT_ACKNOWLEDGED",
                    Message = $"The app has not acknowledged write #{queued[i].Sequence} yet{(hub.IsConnected(integrationId) ? "" : " (it is not connected to the gateway)")}; the write stays queued and is delivered when the app connects.",
                }, writes[i].Id),
                { Succeeded: true } => AppWriteResult.Success(answer.RecordId ?? writes[i].Id ?? ""),
                _ => AppWriteResult.Failure(new ConnectorError
                {
                    Kind = answer.Transient ? ConnectorErrorKind.Transient : ConnectorErrorKind.Permanent,
                    Code = answer.ErrorCode,
                    Message = answer.ErrorMessage ?? answer.ErrorCode!,
                }, answer.RecordId ?? writes[i].Id),
            };
        }

        return results;
    }

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(hub.IsConnected(integrationId) ? [] : ["The app is not connected to the platform's app gateway (AppGateway.ReceiveWrites) on any silo."]);

    private EntitySchema Schema(string entity) =>
        definition.Entities.FirstOrDefault(e => e.Name == entity) ?? throw new ArgumentException($"The connector has no entity '{entity}'.", nameof(entity));

    /// <summary>Types the canonical text the app pushed (checked when it was pushed) by the entity's schema.</summary>
    private static AppRecord ToRecord(EntitySchema schema, GatewayRecord record) => new()
    {
        Id = record.Id,
        Values = record.Values.ToDictionary(v => v.Key, v => Canonical.ToApp(v.Value, schema.FindField(v.Key)?.Type ?? FieldType.String), StringComparer.Ordinal),
        ModifiedAt = record.ModifiedAt,
        ActiveAt = record.ActiveAt,
    };
}
