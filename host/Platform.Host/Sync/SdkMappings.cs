using Platform.Sdk;
using Platform.Sync;

namespace Platform.Host.Sync;

/// <summary>An integration's mappings as the SDK shows them to its connector (<see cref="ConnectorContext.Mappings"/>).</summary>
internal static class SdkMappings
{
    public static IReadOnlyList<ObjectMapping> Of(IntegrationConfig config) => [.. config.Mappings.Select(m => new ObjectMapping
    {
        Entity = m.Entity,
        SalesforceObject = m.SalesforceObject,
        Direction = (SyncDirection)(int)m.Direction,
        Fields = [.. m.Fields.Select(f => new FieldMapping
        {
            EntityField = f.AppField,
            SalesforceField = f.SalesforceField,
            Direction = (SyncDirection)(int)f.Direction,
            FirstSyncOnly = f.FirstSyncOnly,
            ValueMap = f.ValueMap,
        })],
        DeletesFollow = m.DeletePolicy == DeletePolicy.Delete,
        SalesforceIdEntityField = m.Match.SalesforceIdAppField,
        SalesforceExternalIdField = m.Match.ExternalIdField,
        MatchEntityFields = [.. m.Match.KeyFields.Select(k => k.AppField)],
    })];
}
