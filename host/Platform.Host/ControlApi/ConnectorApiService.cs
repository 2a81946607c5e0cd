using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Host.Access;
using Platform.Host.Plugins;

namespace Platform.Host.ControlApi;

/// <summary>The control API's view of connector plugins.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed class ConnectorApiService(ConnectorCatalog catalog) : ConnectorService.ConnectorServiceBase
{
    private const string ListName = "connectors";

    public override Task<ListConnectorsResponse> ListConnectors(ListConnectorsRequest request, ServerCallContext context)
    {
        var page = PageRequest.Parse(request.PageSize, request.PageToken, ListName);
        var response = new ListConnectorsResponse { NextPageToken = page.NextToken(catalog.Connectors.Count, ListName) };
        response.Connectors.AddRange(catalog.Connectors.Skip(page.Offset).Take(page.Size).Select(ConnectorMapper.ToMessage));
        return Task.FromResult(response);
    }

    public override Task<Connector> GetConnector(GetConnectorRequest request, ServerCallContext context)
    {
        var id = RequestValidation.ConnectorId("id", request.Id);
        var entry = catalog.Find(id) ?? throw RequestValidation.NotFound("Connector", id);
        return Task.FromResult(ConnectorMapper.ToMessage(entry));
    }
}
