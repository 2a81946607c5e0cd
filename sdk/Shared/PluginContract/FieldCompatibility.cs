using Platform.Sdk;

namespace Platform.PluginContract;

/// <summary>
/// Which Salesforce field types an app field of each <see cref="FieldType"/> can be mapped to. Compiled into the host
/// (which refuses other mappings when an integration is saved) and the conformance kit (which checks default mappings).
/// </summary>
internal static class FieldCompatibility
{
    private static readonly Dictionary<FieldType, string[]> Compatible = new()
    {
        [FieldType.String] = Text,
        [FieldType.Text] = Text,
        [FieldType.Email] = Text,
        [FieldType.Phone] = Text,
        [FieldType.Url] = Text,
        [FieldType.Picklist] = Text,
        [FieldType.Reference] = Text,
        [FieldType.Integer] = ["int", "double", "currency", "percent", "string", "textarea"],
        [FieldType.Decimal] = ["double", "currency", "percent", "string", "textarea"],
        [FieldType.Currency] = ["double", "currency", "percent", "string", "textarea"],
        [FieldType.Percent] = ["double", "currency", "percent", "string", "textarea"],
        [FieldType.Boolean] = ["boolean", "string", "picklist"],
        [FieldType.Date] = ["date", "datetime", "string"],
        [FieldType.DateTime] = ["datetime", "string"],
        [FieldType.MultiPicklist] = ["multipicklist", "string", "textarea"],
    };

    private static string[] Text => ["string", "textarea", "picklist", "combobox", "email", "phone", "url", "reference", "id", "encryptedstring"];

    /// <summary>Whether an app field of type <paramref name="app"/> maps onto a Salesforce field of type <paramref name="salesforceType"/> (describe's <c>type</c>).</summary>
    public static bool IsCompatible(FieldType app, string salesforceType) =>
        Compatible.TryGetValue(app, out var types) && types.Contains(salesforceType, StringComparer.Ordinal);
}
