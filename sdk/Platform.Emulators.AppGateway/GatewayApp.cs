using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Gateway.V1;
using GatewayService = Platform.Gateway.V1.AppGateway;

namespace Platform.Emulators.AppGateway;

/// <summary>
/// An emulated app (LeadX, Channeltivity: apps with no public API) connected to the platform's app gateway over real gRPC. Users' changes (<see cref="Save"/>,
/// <see cref="Delete"/>) are pushed to the platform; the platform's writes arrive on the write stream, are applied, and
/// acknowledged. A write delivered again is recognised by its idempotency key, as the gateway's contract asks.
/// </summary>
public sealed class GatewayApp : IAsyncDisposable
{
    private readonly GatewayService.AppGatewayClient _gateway;
    private readonly string _integrationId;
    private readonly ConcurrentDictionary<(string Entity, string Id), Dictionary<string, string?>> _records = new();
    private readonly ConcurrentDictionary<string, string> _applied = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changed = new(0);
    private CancellationTokenSource? _connection;
    private Task _receiving = Task.CompletedTask;
    private int _nextId;
    private int _delivered;

    /// <param name="channel">A channel to the platform's gRPC endpoint; the caller owns it.</param>
    /// <param name="integrationId">The integration this app is.</param>
    public GatewayApp(GrpcChannel channel, string integrationId)
    {
        _gateway = new GatewayService.AppGatewayClient(channel);
        _integrationId = integrationId;
    }

    /// <summary>Whether writes are acknowledged after they are applied; off, the app behaves as if it crashed just before acknowledging.</summary>
    public bool Acknowledge { get; set; } = true;

    /// <summary>How many of the platform's write deliveries arrived (redeliveries included).</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>The records of an entity, by id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> Records(string entity) =>
        _records.Where(r => r.Key.Entity == entity).ToDictionary(r => r.Key.Id, r => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(r.Value), StringComparer.Ordinal);

    /// <summary>A user creates or changes a record in the app; the change is pushed to the platform.</summary>
    /// <returns>The record's id (a new one when <paramref name="id"/> is null).</returns>
    public async Task<string> Save(string entity, string? id, params (string Field, string? Value)[] values)
    {
        id ??= $"{entity[..2]}-{Interlocked.Increment(ref _nextId)}";
        var record = _records.GetOrAdd((entity, id), _ => new Dictionary<string, string?>(StringComparer.Ordinal));
        lock (record)
        {
            foreach (var (field, value) in values)
            {
                record[field] = value;
            }
        }

        await PushAsync(entity, id, deleted: false);
        return id;
    }

    /// <summary>A user deletes a record in the app; the delete is pushed to the platform.</summary>
    public async Task Delete(string entity, string id)
    {
        _records.TryRemove((entity, id), out _);
        await PushAsync(entity, id, deleted: true);
    }

    /// <summary>Opens the write stream and applies writes as they arrive, until <see cref="DisconnectAsync"/>.</summary>
    public async Task ConnectAsync()
    {
        await DisconnectAsync();
        _connection = new CancellationTokenSource();
        var call = _gateway.ReceiveWrites(cancellationToken: _connection.Token);
        await call.RequestStream.WriteAsync(new AppMessage { Subscribe = new Subscribe { IntegrationId = _integrationId } });
        _receiving = ReceiveAsync(call, _connection.Token);
    }

    /// <summary>Closes the write stream (as when the app goes offline); unacknowledged writes stay queued at the platform.</summary>
    public async Task DisconnectAsync()
    {
        if (_connection is null)
        {
            return;
        }

        await _connection.CancelAsync();
        await _receiving;
        _connection.Dispose();
        _connection = null;
    }

    /// <summary>Waits until at least <paramref name="count"/> deliveries arrived.</summary>
    public async Task WaitForDeliveriesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Delivered < count)
        {
            await _changed.WaitAsync(deadline.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync();
        _changed.Dispose();
    }

    private async Task PushAsync(string entity, string id, bool deleted)
    {
        var change = new RecordChange { Id = id, Deleted = deleted, ModifiedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) };
        if (!deleted && _records.TryGetValue((entity, id), out var record))
        {
            lock (record)
            {
                foreach (var (field, value) in record)
                {
                    change.Values[field] = value is null ? new FieldValue { IsNull = true } : new FieldValue { Text = value };
                }
            }
        }

        await _gateway.PushChangesAsync(new PushChangesRequest { IntegrationId = _integrationId, Entity = entity, Changes = { change } });
    }

    private async Task ReceiveAsync(AsyncDuplexStreamingCall<AppMessage, WriteCommand> call, CancellationToken cancellationToken)
    {
        using (call)
        {
            try
            {
                await foreach (var command in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    var ack = Apply(command);
                    if (Acknowledge)
                    {
                        await call.RequestStream.WriteAsync(new AppMessage { Ack = ack }, cancellationToken);
                    }

                    Interlocked.Increment(ref _delivered);
                    _changed.Release();
                }
            }
            catch (Exception e) when (e is OperationCanceledException || (e is RpcException rpc && rpc.StatusCode == StatusCode.Cancelled))
            {
                // Disconnected.
            }
        }
    }

    /// <summary>Makes the platform's write, once per idempotency key.</summary>
    private WriteAck Apply(WriteCommand command)
    {
        var ack = new WriteAck { Sequence = command.Sequence };
        switch (command.Kind)
        {
            case WriteKind.Create:
                ack.Id = _applied.GetOrAdd(command.IdempotencyKey, _ =>
                {
                    var id = $"{command.Entity[..2]}-{Interlocked.Increment(ref _nextId)}";
                    _records[(command.Entity, id)] = Values(command, new Dictionary<string, string?>(StringComparer.Ordinal));
                    return id;
                });
                break;
            case WriteKind.Update when _records.TryGetValue((command.Entity, command.Id), out var record):
                lock (record)
                {
                    Values(command, record);
                }

                ack.Id = command.Id;
                break;
            case WriteKind.Update:
                ack.Error = new WriteError { Code = "NOT_FOUND", Message = $"The app has no {command.Entity} {command.Id}." };
                break;
            default:
                _records.TryRemove((command.Entity, command.Id), out _);
                ack.Id = command.Id;
                break;
        }

        return ack;
    }

    private static Dictionary<string, string?> Values(WriteCommand command, Dictionary<string, string?> record)
    {
        foreach (var (field, value) in command.Values)
        {
            record[field] = value.KindCase == FieldValue.KindOneofCase.Text ? value.Text : null;
        }

        return record;
    }
}
