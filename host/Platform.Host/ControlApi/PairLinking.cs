using Grpc.Core;
using Platform.Grains.Pairs;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>An operator's link of an app record and a Salesforce record (PairService.LinkPair, the matching wizard).</summary>
internal static class PairLinking
{
    /// <summary>
    /// Puts both records in one pair: the app record's pair takes the Salesforce record, and the pair that held only the
    /// Salesforce record is removed. The caller then syncs the pair, which reads both records and merges them.
    /// </summary>
    /// <returns>The pair's id.</returns>
    /// <exception cref="RpcException">FAILED_PRECONDITION: the Salesforce record is linked to another app record.</exception>
    public static async Task<string> LinkAsync(IGrainFactory grains, IPairStore pairs, string integrationId, string mapping, string appId, string salesforceId, CancellationToken cancellationToken)
    {
        var appPair = (await pairs.FindByRecordIdsAsync(integrationId, mapping, Side.App, [appId], cancellationToken)).GetValueOrDefault(appId);
        var salesforcePair = (await pairs.FindByRecordIdsAsync(integrationId, mapping, Side.Salesforce, [salesforceId], cancellationToken)).GetValueOrDefault(salesforceId);
        if (salesforcePair is not null && salesforcePair != appPair)
        {
            var holder = Grain(grains, integrationId, mapping, salesforcePair);
            if ((await holder.GetAsync())?.AppId is { } other)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Salesforce record {salesforceId} is linked to app record {other} (pair {salesforcePair}); unlink that pair first."));
            }

            if (appPair is not null)
            {
                await holder.ReleaseAsync();
            }
        }

        var target = appPair ?? salesforcePair ?? PairKey.NewPairId();
        try
        {
            await Grain(grains, integrationId, mapping, target).LinkAsync(appId, salesforceId);
        }
        catch (PairConflictException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        return target;
    }

    private static IPairGrain Grain(IGrainFactory grains, string integrationId, string mapping, string pairId) =>
        grains.GetGrain<IPairGrain>(PairKey.Of(integrationId, mapping, pairId));
}
