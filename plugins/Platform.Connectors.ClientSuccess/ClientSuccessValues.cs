using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Connectors.ClientSuccess;

/// <summary>Between the API's JSON and the entity schema's typed values (see <see cref="ClientSuccessSchema"/>).</summary>
internal static class ClientSuccessValues
{
    /// <summary>Entity field → API property, where the names differ.</summary>
    private static readonly Dictionary<string, string> ApiNames = new(StringComparer.Ordinal) { ["clientId"] = "clientUuid" };

    public static IReadOnlyDictionary<string, object?> FromRow(string entity, JsonObject row, IReadOnlyDictionary<long, string>? employees)
    {
        var schema = ClientSuccessSchema.Of(entity);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in schema.Fields.Where(f => f.Name != schema.KeyField))
        {
            if (field.Name == "assignedCsm")
            {
                values[field.Name] = row["assignedCsmId"]?.GetValue<long>() is { } csm && employees?.TryGetValue(csm, out var name) == true ? name : null;
                continue;
            }

            var node = row[ApiNames.GetValueOrDefault(field.Name, field.Name)];
            values[field.Name] = node is null ? null : field.Type switch
            {
                Sdk.FieldType.Boolean => node.GetValue<bool>(),
                Sdk.FieldType.Integer => node.GetValue<long>(),
                Sdk.FieldType.Date => DateOnly.ParseExact(node.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                _ => node.GetValue<string>(),
            };
        }

        foreach (var (name, node) in row["salesforce"] as JsonObject ?? [])
        {
            values[ClientSuccessSchema.ModulePrefix + name] = node?.ToString();
        }

        return values;
    }

    /// <summary>A create or PATCH body: read-only fields are left out; a new client gets ClientSuccess's required status and active flag.</summary>
    public static JsonObject ToBody(string entity, IReadOnlyDictionary<string, object?> values, bool creating)
    {
        var schema = ClientSuccessSchema.Of(entity);
        var body = new JsonObject();
        foreach (var (name, value) in values)
        {
            if (schema.IsExtensionField(name))
            {
                var module = body["salesforce"] as JsonObject ?? (JsonObject)(body["salesforce"] = new JsonObject());
                module[name[ClientSuccessSchema.ModulePrefix.Length..]] = Json(value);
            }
            else if (schema.FindField(name) is { ReadOnly: false } field)
            {
                body[ApiNames.GetValueOrDefault(field.Name, field.Name)] = Json(value);
            }
        }

        if (creating && entity == ClientSuccessSchema.Client.Name)
        {
            body["status"] ??= "Active";
            body["active"] ??= true;
        }

        return body;
    }

    private static JsonNode? Json(object? value) => value switch
    {
        null => null,
        bool flag => flag,
        long number => number,
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset at => at.ToString("O", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
