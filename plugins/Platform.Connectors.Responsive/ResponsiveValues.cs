using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// Between the API's JSON and the entity schema's typed values. The association is one pair of API properties
/// (<c>crmRecordId</c>, <c>crmObjectType</c>); it also shows as <c>opportunityId</c> or <c>accountId</c>, so each object
/// type maps to its own lookup field in Salesforce.
/// </summary>
internal static class ResponsiveValues
{
    /// <summary>Marks the external id of a project the platform created from Salesforce, with the write's idempotency key.</summary>
    public const string CreatedFromSalesforcePrefix = "salesforce:";

    private static readonly Dictionary<string, string> ApiNames = new(StringComparer.Ordinal)
    {
        ["salesforceRecordId"] = "crmRecordId",
        ["salesforceObjectType"] = "crmObjectType",
    };

    private static readonly Dictionary<string, string> LookupTypes = new(StringComparer.Ordinal)
    {
        ["opportunityId"] = "Opportunity",
        ["accountId"] = "Account",
    };

    public static AppRecord FromRow(string entity, JsonObject row)
    {
        var schema = ResponsiveSchema.Of(entity);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var associated = row["crmRecordId"]?.GetValue<string>();
        var type = row["crmObjectType"]?.GetValue<string>();
        foreach (var field in schema.Fields.Where(f => f.Name != "id"))
        {
            if (LookupTypes.TryGetValue(field.Name, out var lookupType))
            {
                values[field.Name] = string.Equals(type, lookupType, StringComparison.OrdinalIgnoreCase) ? associated : null;
                continue;
            }

            var node = row[ApiNames.GetValueOrDefault(field.Name, field.Name)];
            values[field.Name] = node is null ? null : field.Type switch
            {
                FieldType.DateTime when field.Name == "dueDate" => DateTimeOffset.ParseExact(node.GetValue<string>(), DueDateFormat, CultureInfo.InvariantCulture),
                FieldType.DateTime => node.GetValue<DateTimeOffset>(),
                FieldType.Currency => node.GetValue<decimal>(),
                FieldType.MultiPicklist => node.AsArray().Select(i => i!.GetValue<string>()).ToArray(),
                _ => node.GetValue<string>(),
            };
        }

        return new AppRecord
        {
            Id = row["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            ModifiedAt = row["updatedAt"]!.GetValue<DateTimeOffset>(),
            ActiveAt = values.GetValueOrDefault("lastActivityAt") as DateTimeOffset?,
            Values = values,
        };
    }

    /// <summary>A create or update body: read-only fields are left out; an Opportunity or Account id sets the association.</summary>
    public static JsonObject ToBody(string entity, IReadOnlyDictionary<string, object?> values)
    {
        var schema = ResponsiveSchema.Of(entity);
        var body = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (LookupTypes.ContainsKey(name) || schema.FindField(name) is not { ReadOnly: false } field)
            {
                continue;
            }

            body[ApiNames.GetValueOrDefault(field.Name, field.Name)] = Json(field, value);
        }

        // A lookup that names a record associates with it; one cleared (with no other set) ends the association.
        var named = LookupTypes.Where(l => values.TryGetValue(l.Key, out var v) && v is string { Length: > 0 }).ToArray();
        if (named.Length > 0)
        {
            body["crmRecordId"] = (string)values[named[0].Key]!;
            body["crmObjectType"] = named[0].Value;
        }
        else if (LookupTypes.Keys.Any(values.ContainsKey))
        {
            body["crmRecordId"] = null;
            body["crmObjectType"] = null;
        }

        return body;
    }

    private const string DueDateFormat = "yyyy-MM-dd HH:mm:ss zzz";

    private static JsonNode? Json(FieldSchema field, object? value) => value switch
    {
        null => null,
        DateTimeOffset at when field.Name == "dueDate" => at.ToString(DueDateFormat, CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        decimal number => number,
        string[] items => new JsonArray([.. items.Select(i => JsonValue.Create(i))]),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
