using Grpc.Core;
using Platform.Control.V1;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>The app's record list: paired records with the mapping's list columns, filtered on them.</summary>
internal sealed partial class PairApiService
{
    public override async Task<ListRecordsResponse> ListRecords(ListRecordsRequest request, ServerCallContext context)
    {
        var (integrationId, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var name = Mapping(snapshot, request.Mapping);
        var mapping = snapshot.Config.Mappings.Single(m => m.Name == name);
        var entity = connectors.Find(snapshot.Config.ConnectorId)?.Entities.FirstOrDefault(e => e.Name == mapping.Entity)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Connector '{snapshot.Config.ConnectorId}' is not loaded."));
        var columns = ListColumns.Of(mapping, entity);
        foreach (var key in request.Filters.Keys.Where(k => !columns.Any(c => c.AppField == k)))
        {
            throw RequestValidation.Invalid($"filters[{key}]", $"'{key}' is not a list column of mapping '{name}' (columns: {string.Join(", ", columns.Select(c => c.AppField))}).");
        }

        var size = PageRequest.Parse(request.PageSize, "", "").Size;
        var response = new ListRecordsResponse();
        response.Columns.AddRange(columns.Select(c => new ListColumn
        {
            AppField = c.AppField,
            SalesforceField = c.SalesforceField,
            Editable = c.Display?.Editable ?? true,
            Order = c.Display?.Order ?? 0,
        }));
        // Filters apply to stored values, so pages are scanned until one is full; the token is the last pair looked at.
        var after = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken;
        while (response.Records.Count < size)
        {
            var page = await pairs.ListAsync(new PairQuery { IntegrationId = integrationId, Mapping = name, After = after, Limit = size }, context.CancellationToken);
            foreach (var summary in page.Where(p => p.AppId is not null && p.SalesforceId is not null))
            {
                var state = await pairs.GetAsync(integrationId, summary.PairId, context.CancellationToken);
                if (state is null || !request.Filters.All(f => string.Equals(state.AppValues.GetValueOrDefault(f.Key) ?? "", f.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var row = new RecordRow { PairId = state.PairId, AppId = state.AppId, SalesforceId = state.SalesforceId, Status = ToMessage(state.Status) };
                row.Values.Add(columns.ToDictionary(c => c.AppField, c => state.AppValues.GetValueOrDefault(c.AppField) ?? ""));
                response.Records.Add(row);
                if (response.Records.Count == size)
                {
                    response.NextPageToken = summary.PairId;
                    return response;
                }
            }

            if (page.Count < size)
            {
                return response;
            }

            after = page[^1].PairId;
        }

        return response;
    }
}
