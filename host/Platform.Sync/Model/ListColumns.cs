using Platform.Sdk;

namespace Platform.Sync;

/// <summary>
/// The app's record list shows the top visible extension fields (ClientSuccess: the Salesforce Account module) as its
/// columns and filters: by display order, then alphabetically by Salesforce field.
/// </summary>
public static class ListColumns
{
    /// <summary>How many fields become columns.</summary>
    public const int Count = 5;

    public static IReadOnlyList<FieldMappingConfig> Of(ObjectMappingConfig mapping, EntitySchema entity)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(entity);
        return [.. mapping.Fields
            .Where(f => entity.IsExtensionField(f.AppField) && f.Display?.Visible != false)
            .OrderBy(f => f.Display?.Order ?? 0)
            .ThenBy(f => f.SalesforceField, StringComparer.OrdinalIgnoreCase)
            .Take(Count)];
    }
}
