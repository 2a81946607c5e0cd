using Grpc.Core;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Registry;
using Platform.Salesforce;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>
/// A connector's rules about the Salesforce org an integration is bound to: one app account per org
/// (<see cref="ConnectorDefinition.AccountSetting"/>) and sandboxes that may only be read
/// (<see cref="ConnectorDefinition.SandboxWritesToSalesforce"/>). Both are refused with FAILED_PRECONDITION.
/// </summary>
internal static class OrgBindingCheck
{
    public static async Task CheckAsync(
        IntegrationConfig config,
        ConnectorDefinition definition,
        SalesforceClient salesforce,
        IGrainFactory grains,
        SalesforceConnections connections,
        CancellationToken cancellationToken)
    {
        if (definition.SandboxWritesToSalesforce && definition.AccountSetting is null)
        {
            return;
        }

        var org = await salesforce.GetOrganizationAsync(cancellationToken);
        if (!definition.SandboxWritesToSalesforce && org.IsSandbox)
        {
            for (var i = 0; i < config.Mappings.Count; i++)
            {
                if (config.Mappings[i].Direction is Direction.ToSalesforce or Direction.Both)
                {
                    throw Refused($"mappings[{i}].direction: instance '{config.InstanceId}' is a Salesforce sandbox, and connector '{config.ConnectorId}' may only read from a sandbox: set the direction to TO_APP, or bind a production org.");
                }
            }
        }

        if (definition.AccountSetting is not { } accountSetting)
        {
            return;
        }

        var account = config.Settings.GetValueOrDefault(accountSetting);
        foreach (var otherId in await grains.GetGrain<IRegistryGrain>(0).ListAsync(RegistryKind.Integration))
        {
            if (otherId == config.Id
                || await grains.GetGrain<IIntegrationGrain>(otherId).GetAsync() is not { Config: var other }
                || other.ConnectorId != config.ConnectorId
                || string.Equals(other.Settings.GetValueOrDefault(accountSetting), account, StringComparison.Ordinal)
                || await grains.GetGrain<ISalesforceInstanceGrain>(other.InstanceId).GetAsync() is not { } otherInstance)
            {
                continue;
            }

            if ((await connections.Get(otherInstance).GetOrganizationAsync(cancellationToken)).Id == org.Id)
            {
                throw Refused($"instance_id: Salesforce org {org.Id} is already connected to another {config.ConnectorId} account (integration '{otherId}'); an org may be connected to one account at a time. Disconnect it there first, or use the same account.");
            }
        }
    }

    private static RpcException Refused(string message) => new(new Status(StatusCode.FailedPrecondition, message));
}
