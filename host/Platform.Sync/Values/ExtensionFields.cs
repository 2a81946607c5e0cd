using Platform.Sdk;

namespace Platform.Sync;

/// <summary>Extension fields (see <see cref="EntitySchema.ExtensionFieldPrefix"/>) take the type of the Salesforce field they hold.</summary>
public static class ExtensionFields
{
    /// <summary>The app field a mapping names; an extension field typed from <paramref name="salesforceType"/> (describe type).</summary>
    public static FieldSchema? Resolve(EntitySchema entity, string appField, string? salesforceType)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var field = entity.FindField(appField);
        return field is not null && salesforceType is not null && entity.IsExtensionField(field.Name) && entity.Fields.All(f => f.Name != field.Name)
            ? field with { Type = TypeOf(salesforceType) }
            : field;
    }

    private static FieldType TypeOf(string salesforceType) => salesforceType switch
    {
        "textarea" => FieldType.Text,
        "int" => FieldType.Integer,
        "double" => FieldType.Decimal,
        "currency" => FieldType.Currency,
        "percent" => FieldType.Percent,
        "boolean" => FieldType.Boolean,
        "date" => FieldType.Date,
        "datetime" => FieldType.DateTime,
        "email" => FieldType.Email,
        "phone" => FieldType.Phone,
        "url" => FieldType.Url,
        "picklist" => FieldType.Picklist,
        "multipicklist" => FieldType.MultiPicklist,
        _ => FieldType.String,
    };
}
