using Platform.Grains.Integrations;

namespace Platform.Host.ControlApi;

/// <summary>Finds the integration a request names, or refuses the request.</summary>
internal static class IntegrationLookup
{
    /// <summary>The integration's id and configuration.</summary>
    /// <exception cref="Grpc.Core.RpcException"><c>InvalidArgument</c> naming <paramref name="field"/> for a malformed id; <c>NotFound</c> when no such integration exists.</exception>
    public static async Task<(string Id, IntegrationSnapshot Snapshot)> RequireIntegrationAsync(this IGrainFactory grains, string field, string id)
    {
        var valid = RequestValidation.ResourceId(field, id);
        var snapshot = await grains.GetGrain<IIntegrationGrain>(valid).GetAsync() ?? throw RequestValidation.NotFound("Integration", valid);
        return (valid, snapshot);
    }
}
