using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Connectors;
using Platform.Grains.Integrations;
using Platform.Host.Access;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>The control API for entries integrations received from Salesforce: list, read, correct and retry, approve.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed class EntryApiService(IGrainFactory grains, IEntryStore entries, IConnectorRuntime connectors) : EntryService.EntryServiceBase
{
    public override async Task<ListEntriesResponse> ListEntries(ListEntriesRequest request, ServerCallContext context)
    {
        var (integrationId, _) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        if (request.PageSize is < 0 or > 500)
        {
            throw RequestValidation.Invalid("page_size", $"must be between 0 and 500 (got {request.PageSize}).");
        }

        long? before = null;
        if (request.PageToken.Length > 0)
        {
            before = long.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw RequestValidation.Invalid("page_token", "is not a token this list returned.");
        }

        var size = request.PageSize == 0 ? 100 : request.PageSize;
        var page = await entries.ListAsync(new EntryQuery
        {
            IntegrationId = integrationId,
            Status = request.Status == EntryStatus.Unspecified ? null : (Sdk.EntryStatus)((int)request.Status - 1),
            TriggerId = request.TriggerId.Length > 0 ? request.TriggerId : null,
            Before = before,
            Limit = size,
        }, context.CancellationToken);
        var response = new ListEntriesResponse { NextPageToken = page.Count == size ? page[^1].Id.ToString(CultureInfo.InvariantCulture) : "" };
        response.Entries.AddRange(page.Select(ToMessage));
        return response;
    }

    public override async Task<Entry> GetEntry(GetEntryRequest request, ServerCallContext context)
    {
        var (integrationId, _) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        return ToMessage(await RequireAsync(integrationId, request.Id, context.CancellationToken));
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Entry> RetryEntry(RetryEntryRequest request, ServerCallContext context)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var entry = await RequireAsync(integrationId, request.Id, context.CancellationToken);
        var fields = connectors.Find(snapshot.Config.ConnectorId)?.Receiver?.Fields
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Connector '{snapshot.Config.ConnectorId}' is not loaded or receives nothing from Salesforce."));
        var edits = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < request.Values.Count; i++)
        {
            var value = request.Values[i];
            if (fields.All(f => f.Name != value.Field))
            {
                throw RequestValidation.Invalid($"values[{i}].field", $"'{value.Field}' is not a receiver field of connector '{snapshot.Config.ConnectorId}' (it has {string.Join(", ", fields.Select(f => f.Name))}).");
            }

            edits[value.Field] = value.HasValue ? value.Value : null;
        }

        if (entry.Status == Sdk.EntryStatus.Processed && edits.Count == 0 && !request.Approve)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Entry {entry.Id} was processed; give corrected values to process it again."));
        }

        await grains.GetGrain<IIntegrationGrain>(integrationId).RetryEntryAsync(entry.Id, edits, request.Approve);
        return ToMessage(await RequireAsync(integrationId, request.Id, context.CancellationToken));
    }

    private async Task<ReceiverEntry> RequireAsync(string integrationId, long id, CancellationToken cancellationToken) =>
        await entries.GetAsync(integrationId, id, cancellationToken) ?? throw RequestValidation.NotFound("Entry", id.ToString(CultureInfo.InvariantCulture));

    private static Entry ToMessage(ReceiverEntry entry)
    {
        var message = new Entry
        {
            Id = entry.Id,
            IntegrationId = entry.IntegrationId,
            ReceivedAt = Timestamp.FromDateTimeOffset(entry.ReceivedAt),
            Action = entry.Action,
            TriggerObject = entry.TriggerObject,
            TriggerId = entry.TriggerId,
            Status = (EntryStatus)((int)entry.Status + 1),
            Message = entry.Message,
            Attempts = entry.Attempts,
            Approved = entry.Approved,
            Edited = entry.Edited,
            ProcessedAt = entry.ProcessedAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
        };
        message.Values.AddRange(entry.Values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v =>
        {
            var value = new EntryValue { Field = v.Key };
            if (v.Value is not null)
            {
                value.Value = v.Value;
            }

            return value;
        }));
        message.People.AddRange(entry.People.Select(p => new EntryPerson { Object = p.Object, Id = p.Id, FirstName = p.FirstName ?? "", LastName = p.LastName ?? "", Email = p.Email ?? "" }));
        message.Notes.AddRange(entry.Notes);
        message.AppRecordIds.AddRange(entry.AppRecordIds);
        return message;
    }
}
