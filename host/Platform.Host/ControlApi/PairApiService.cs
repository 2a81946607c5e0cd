using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Connectors;
using Platform.Grains.Integrations;
using Platform.Grains.Pairs;
using Platform.Host.Access;
using Platform.Sync;
using V1 = Platform.Control.V1;

namespace Platform.Host.ControlApi;

/// <summary>The control API for paired records and the sync log.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed partial class PairApiService(IGrainFactory grains, IPairStore pairs, ISyncLog log, IConnectorRuntime connectors) : PairService.PairServiceBase
{
    public override async Task<ListPairsResponse> ListPairs(ListPairsRequest request, ServerCallContext context)
    {
        var (integrationId, _) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var size = PageRequest.Parse(request.PageSize, "", "").Size;
        var page = await pairs.ListAsync(new PairQuery
        {
            IntegrationId = integrationId,
            Mapping = string.IsNullOrEmpty(request.Mapping) ? null : request.Mapping,
            Status = request.Status == V1.PairStatus.Unspecified ? null : FromMessage(request.Status),
            NeedsAttentionOnly = request.NeedsAttention,
            OpenWritesOnly = request.OpenWrites,
            After = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken,
            Limit = size,
        }, context.CancellationToken);
        var response = new ListPairsResponse { NextPageToken = page.Count == size ? page[^1].PairId : "" };
        response.Pairs.AddRange(page.Select(p => new V1.PairSummary
        {
            Mapping = p.Mapping,
            PairId = p.PairId,
            AppId = p.AppId ?? "",
            SalesforceId = p.SalesforceId ?? "",
            Status = ToMessage(p.Status),
            OpenWrites = p.OpenWrites,
            NeedsAttention = p.NeedsAttention,
            UpdatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(p.UpdatedAt),
        }));
        return response;
    }

    public override async Task<Pair> GetPair(GetPairRequest request, ServerCallContext context)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var mapping = Mapping(snapshot, request.Mapping);
        var pairId = request switch
        {
            { PairId.Length: > 0 } => request.PairId,
            { AppId.Length: > 0 } => (await pairs.FindByRecordIdsAsync(integrationId, mapping, Platform.Sync.Side.App, [request.AppId], context.CancellationToken)).GetValueOrDefault(request.AppId),
            { SalesforceId.Length: > 0 } => (await pairs.FindByRecordIdsAsync(integrationId, mapping, Platform.Sync.Side.Salesforce, [request.SalesforceId], context.CancellationToken)).GetValueOrDefault(request.SalesforceId),
            _ => throw RequestValidation.Invalid("pair_id", "give pair_id, app_id or salesforce_id."),
        };
        var state = pairId is null ? null : await Grain(integrationId, mapping, pairId).GetAsync();
        return state is null ? throw RequestValidation.NotFound("Pair", pairId ?? request.AppId + request.SalesforceId) : ToMessage(state);
    }

    /// <summary>Links the records and merges them at once: both are read afresh, and the writes that bring them together are sent.</summary>
    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Pair> LinkPair(LinkPairRequest request, ServerCallContext context)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var mapping = Mapping(snapshot, request.Mapping);
        var appId = RequestValidation.Required("app_id", request.AppId);
        var salesforceId = RequestValidation.Required("salesforce_id", request.SalesforceId);
        var pairId = await PairLinking.LinkAsync(grains, pairs, integrationId, mapping, appId, salesforceId, context.CancellationToken);
        await grains.GetGrain<IIntegrationGrain>(integrationId).SyncRecordsAsync(mapping, [pairId], []);
        return ToMessage((await Grain(integrationId, mapping, pairId).GetAsync())!);
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Pair> UnlinkPair(PairRef request, ServerCallContext context) =>
        ToMessage(await (await ExistingAsync(request)).Grain.UnlinkAsync());

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Pair> ExcludePair(ExcludePairRequest request, ServerCallContext context)
    {
        var (pair, _) = await ExistingAsync(request.Pair ?? throw RequestValidation.Invalid("pair", "is required."));
        return ToMessage(await pair.ExcludeAsync(request.Exclude, string.IsNullOrEmpty(request.Note) ? null : request.Note));
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<V1.CycleReport> TouchPair(TouchPairRequest request, ServerCallContext context)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var mapping = Mapping(snapshot, request.Mapping);
        if (string.IsNullOrEmpty(request.PairId) && string.IsNullOrEmpty(request.AppId))
        {
            throw RequestValidation.Invalid("pair_id", "give pair_id or app_id.");
        }

        var pairIds = string.IsNullOrEmpty(request.PairId) ? [] : new[] { request.PairId };
        var appIds = string.IsNullOrEmpty(request.AppId) ? [] : new[] { request.AppId };
        if (appIds.Length > 0 && (await pairs.FindByRecordIdsAsync(integrationId, mapping, Platform.Sync.Side.App, appIds, context.CancellationToken)).TryGetValue(request.AppId, out var known))
        {
            pairIds = [known];
        }

        return IntegrationMapper.ToMessage(await grains.GetGrain<IIntegrationGrain>(integrationId).SyncRecordsAsync(mapping, pairIds, appIds));
    }

    public override async Task<QuerySyncLogResponse> QuerySyncLog(QuerySyncLogRequest request, ServerCallContext context)
    {
        var size = PageRequest.Parse(request.PageSize, "", "").Size;
        long? before = null;
        if (!string.IsNullOrEmpty(request.PageToken))
        {
            before = long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw RequestValidation.Invalid("page_token", "is not a token this query returned.");
        }

        var entries = await log.QueryAsync(new SyncLogQuery
        {
            IntegrationId = string.IsNullOrEmpty(request.IntegrationId) ? null : RequestValidation.ResourceId("integration_id", request.IntegrationId),
            PairId = Empty(request.PairId),
            RecordId = Empty(request.RecordId),
            State = Empty(request.State),
            From = request.From?.ToDateTimeOffset(),
            To = request.To?.ToDateTimeOffset(),
            Text = Empty(request.Text),
            Before = before,
            Limit = size,
        }, context.CancellationToken);
        var response = new QuerySyncLogResponse { NextPageToken = entries.Count == size ? entries[^1].Id.ToString(CultureInfo.InvariantCulture) : "" };
        response.Entries.AddRange(entries.Select(e => new V1.SyncLogEntry
        {
            Id = e.Id,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.At),
            IntegrationId = e.IntegrationId,
            Mapping = e.Mapping ?? "",
            PairId = e.PairId ?? "",
            AppId = e.AppId ?? "",
            SalesforceId = e.SalesforceId ?? "",
            Target = e.Target is null ? V1.Side.Unspecified : e.Target == Platform.Sync.Side.App ? V1.Side.App : V1.Side.Salesforce,
            Operation = e.Operation,
            State = e.State,
            Sequence = e.Sequence ?? 0,
            Payload = e.Payload ?? "",
            Error = e.Error ?? "",
            ErrorCode = e.ErrorCode ?? "",
            Message = e.Message,
        }));
        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<V1.CycleReport> RetryWrite(RetryWriteRequest request, ServerCallContext context)
    {
        var pairRef = request.Pair ?? throw RequestValidation.Invalid("pair", "is required.");
        var (pair, mapping) = await ExistingAsync(pairRef);
        if (request.Sequence <= 0)
        {
            throw RequestValidation.Invalid("sequence", "is required: the failed write's sequence number.");
        }

        PairResult result;
        try
        {
            result = await pair.RetryAsync(request.Sequence, request.Corrections.ToDictionary(kv => kv.Key, kv => kv.Value.Length == 0 ? null : kv.Value));
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        return IntegrationMapper.ToMessage(await grains.GetGrain<IIntegrationGrain>(pairRef.IntegrationId).DispatchAsync(mapping, result.Writes));
    }

    private static string Mapping(IntegrationSnapshot snapshot, string mapping)
    {
        if (string.IsNullOrEmpty(mapping))
        {
            return snapshot.Config.Mappings.Count == 1 ? snapshot.Config.Mappings[0].Name : throw RequestValidation.Invalid("mapping", "is required: the integration has several mappings.");
        }

        return snapshot.Config.Mappings.Any(m => m.Name == mapping) ? mapping : throw RequestValidation.Invalid("mapping", $"the integration has no mapping '{mapping}'.");
    }

    /// <summary>The pair <paramref name="reference"/> names, and its mapping's name (the default one when the reference names none).</summary>
    private async Task<(IPairGrain Grain, string Mapping)> ExistingAsync(PairRef reference)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", reference.IntegrationId);
        var mapping = Mapping(snapshot, reference.Mapping);
        var pairId = RequestValidation.Required("pair_id", reference.PairId);
        var grain = Grain(integrationId, mapping, pairId);
        return await grain.GetAsync() is null ? throw RequestValidation.NotFound("Pair", pairId) : (grain, mapping);
    }

    private IPairGrain Grain(string integrationId, string mapping, string pairId) => grains.GetGrain<IPairGrain>(PairKey.Of(integrationId, mapping, pairId));

    private static Platform.Sync.PairStatus FromMessage(V1.PairStatus status) => (Platform.Sync.PairStatus)((int)status - 1);

    internal static V1.PairStatus ToMessage(Platform.Sync.PairStatus status) => (V1.PairStatus)((int)status + 1);

    private static string? Empty(string value) => string.IsNullOrEmpty(value) ? null : value;

    private static Pair ToMessage(PairState state)
    {
        var message = new Pair
        {
            IntegrationId = state.IntegrationId,
            Mapping = state.Mapping,
            PairId = state.PairId,
            AppId = state.AppId ?? "",
            SalesforceId = state.SalesforceId ?? "",
            Status = ToMessage(state.Status),
            Note = state.Note ?? "",
            LastSyncedAt = Timestamps.From(state.LastSyncedAt),
            TouchedAt = Timestamps.From(state.TouchedAt),
        };
        Copy(message.AppValues, state.AppValues);
        Copy(message.SalesforceValues, state.SalesforceValues);
        Copy(message.AppBase, state.AppBase);
        Copy(message.SalesforceBase, state.SalesforceBase);
        message.Outbox.AddRange(state.Outbox.Select(e =>
        {
            var entry = new V1.OutboxEntry
            {
                Sequence = e.Sequence,
                Target = e.Target == Platform.Sync.Side.App ? V1.Side.App : V1.Side.Salesforce,
                Kind = e.Kind.ToString().ToLowerInvariant(),
                State = e.State == OutboxState.NeedsReview ? "needs_review" : e.State.ToString().ToLowerInvariant(),
                Error = e.Error ?? "",
                ErrorCode = e.ErrorCode ?? "",
                Retryable = e.Retryable,
                Attempts = e.Attempts,
                CreatedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.CreatedAt),
                NextAttemptAt = Timestamps.From(e.NextAttemptAt),
                Reason = e.Reason ?? "",
            };
            Copy(entry.Values, e.Values);
            return entry;
        }));
        message.Conflicts.AddRange(state.Conflicts.Select(c => new V1.Conflict
        {
            AppField = c.AppField,
            SalesforceField = c.SalesforceField,
            AppValue = c.AppValue ?? "",
            SalesforceValue = c.SalesforceValue ?? "",
            Winner = c.Winner == Platform.Sync.Side.App ? V1.Side.App : V1.Side.Salesforce,
            Reason = c.Reason,
            At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(c.At),
        }));
        return message;
    }

    private static void Copy(Google.Protobuf.Collections.MapField<string, string> target, Dictionary<string, string?> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value ?? "";
        }
    }
}
