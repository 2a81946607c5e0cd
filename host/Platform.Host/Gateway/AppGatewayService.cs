using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Gateway.V1;
using Platform.Grains.Connectors;
using Platform.Host.Access;
using Platform.Host.ControlApi;
using Platform.Sdk;
using Platform.Sync;
using WriteKind = Platform.Gateway.V1.WriteKind;

namespace Platform.Host.Gateway;

/// <summary>The app gateway: apps push their changes and receive the platform's writes as a stream they acknowledge.</summary>
[Authorize(Policy = AccessPolicy.AdminOrApp)]
internal sealed partial class AppGatewayService(
    IGrainFactory grains,
    IConnectorRuntime connectors,
    IGatewayStore store,
    GatewayHub hub,
    Microsoft.Extensions.Options.IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<AppGatewayService> logger) : AppGateway.AppGatewayBase
{
    private const int MaxChanges = 500;

    public override async Task<PushChangesResponse> PushChanges(PushChangesRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, definition) = await RequireGatewayAsync("integration_id", request.IntegrationId);
        var entity = definition.Entities.FirstOrDefault(e => e.Name == RequestValidation.Required("entity", request.Entity))
            ?? throw RequestValidation.Invalid("entity", $"the connector has no entity '{request.Entity}'.");
        if (request.Changes.Count is 0 or > MaxChanges)
        {
            throw RequestValidation.Invalid("changes", $"must hold 1 to {MaxChanges} changes (got {request.Changes.Count}).");
        }

        var now = time.GetUtcNow();
        var records = request.Changes.Select((change, i) => ToRecord(entity, change, $"changes[{i}]", now)).ToList();
        await store.PushAsync(id, entity.Name, records, context.CancellationToken);
        return new PushChangesResponse { Accepted = records.Count };
    }

    public override async Task ReceiveWrites(IAsyncStreamReader<AppMessage> requestStream, IServerStreamWriter<WriteCommand> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.KindCase != AppMessage.KindOneofCase.Subscribe)
        {
            throw RequestValidation.Invalid("subscribe", "the first message must subscribe.");
        }

        context.RequireIntegration(requestStream.Current.Subscribe.IntegrationId);
        var (id, _) = await RequireGatewayAsync("subscribe.integration_id", requestStream.Current.Subscribe.IntegrationId);
        using var connection = hub.Connect(id);
        LogConnected(logger, id);
        var unacknowledged = new HashSet<long>();
        var acknowledgements = ReadAcknowledgementsAsync(id, requestStream, unacknowledged, cancellationToken);
        var lastSent = 0L;
        try
        {
            while (!acknowledgements.IsCompleted)
            {
                connection.Announce();
                var queued = hub.NextQueued(id);
                int room;
                lock (unacknowledged)
                {
                    room = options.Value.MaxUnacknowledged - unacknowledged.Count;
                }

                // Refill once half the window is free, not after every acknowledgement: one store read per half window
                // instead of one per write.
                var pending = room >= (options.Value.MaxUnacknowledged + 1) / 2 ? await store.PendingWritesAsync(id, lastSent, room, cancellationToken) : [];
                foreach (var write in pending)
                {
                    lock (unacknowledged)
                    {
                        unacknowledged.Add(write.Sequence);
                    }

                    await responseStream.WriteAsync(ToCommand(write), cancellationToken);
                    lastSent = write.Sequence;
                }

                if (pending.Count == 0)
                {
                    await Task.WhenAny(queued, acknowledgements, Task.Delay(options.Value.PollInterval, cancellationToken));
                }
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The app went away mid-write; what it did not acknowledge is sent again when it reconnects.
        }

        LogDisconnected(logger, id, lastSent);
    }

    private async Task ReadAcknowledgementsAsync(string integrationId, IAsyncStreamReader<AppMessage> requestStream, HashSet<long> unacknowledged, CancellationToken cancellationToken)
    {
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                if (requestStream.Current.Ack is not { Sequence: > 0 } ack)
                {
                    continue;
                }

                var result = ack.Error is { } error
                    ? new GatewayWriteResult { RecordId = NullIfEmpty(ack.Id), ErrorCode = NullIfEmpty(error.Code) ?? "APP_ERROR", ErrorMessage = NullIfEmpty(error.Message), Transient = error.Transient }
                    : new GatewayWriteResult { RecordId = NullIfEmpty(ack.Id) };
                if (await store.AcknowledgeAsync(integrationId, ack.Sequence, result, time.GetUtcNow(), cancellationToken) is { } write)
                {
                    hub.Acknowledged(write);
                }

                lock (unacknowledged)
                {
                    unacknowledged.Remove(ack.Sequence);
                }

                // Room for more writes: wake the sending loop (and any other stream of this integration on this silo).
                hub.Wake(integrationId);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException || (e is RpcException rpc && rpc.StatusCode == StatusCode.Cancelled))
        {
            // The app disconnected mid-stream.
        }
    }

    private async Task<(string Id, ConnectorDefinition Definition)> RequireGatewayAsync(string field, string integrationId)
    {
        var (id, snapshot) = await grains.RequireIntegrationAsync(field, integrationId);
        var definition = connectors.Find(snapshot.Config.ConnectorId)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Connector '{snapshot.Config.ConnectorId}' of integration '{id}' is not loaded."));
        return definition.UsesAppGateway
            ? (id, definition)
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Integration '{id}' uses connector '{snapshot.Config.ConnectorId}', which talks to its app's own API, not the app gateway."));
    }

    /// <summary>Checks each value against the entity's schema and keeps it as canonical text.</summary>
    private static GatewayRecord ToRecord(EntitySchema entity, RecordChange change, string field, DateTimeOffset now)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!change.Deleted)
        {
            foreach (var (name, value) in change.Values)
            {
                var schema = entity.FindField(name) ?? throw RequestValidation.Invalid($"{field}.values[{name}]", $"entity '{entity.Name}' has no such field.");
                try
                {
                    values[schema.Name] = value.KindCase == FieldValue.KindOneofCase.Text ? Canonical.From(Canonical.ToApp(value.Text, schema.Type)) : null;
                }
                catch (FormatException)
                {
                    throw RequestValidation.Invalid($"{field}.values[{name}]", $"'{value.Text}' is not a {schema.Type} value.");
                }
            }
        }

        return new GatewayRecord
        {
            Id = RequestValidation.Required($"{field}.id", change.Id),
            Deleted = change.Deleted,
            Values = values,
            ModifiedAt = change.ModifiedAt?.ToDateTimeOffset() ?? now,
            ActiveAt = change.ActiveAt?.ToDateTimeOffset(),
        };
    }

    private static WriteCommand ToCommand(GatewayWrite write)
    {
        var command = new WriteCommand
        {
            Sequence = write.Sequence,
            Entity = write.Entity,
            Kind = write.Kind switch { "create" => WriteKind.Create, "update" => WriteKind.Update, _ => WriteKind.Delete },
            Id = write.RecordId ?? "",
            IdempotencyKey = write.IdempotencyKey,
        };
        foreach (var (name, value) in write.Values)
        {
            command.Values[name] = value is null ? new FieldValue { IsNull = true } : new FieldValue { Text = value };
        }

        return command;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "App gateway: the app of integration {IntegrationId} connected")]
    private static partial void LogConnected(ILogger logger, string integrationId);

    [LoggerMessage(Level = LogLevel.Information, Message = "App gateway: the app of integration {IntegrationId} disconnected (last write sent: {Sequence})")]
    private static partial void LogDisconnected(ILogger logger, string integrationId, long sequence);
}
