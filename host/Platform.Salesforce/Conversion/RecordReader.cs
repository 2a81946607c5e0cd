using System.Text.Json;

namespace Platform.Salesforce;

/// <summary>Turns raw rows (REST JSON or Bulk CSV) into <see cref="SalesforceRecord"/>s with typed values, using describes.</summary>
internal sealed class RecordReader(DescribeCache describes)
{
    public async ValueTask<SalesforceRecord> ReadAsync(SObjectRecord record, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        await AddAsync(values, record.Json, record.ObjectName!, prefix: "", cancellationToken);
        return new SalesforceRecord(record.ObjectName!, record.Id ?? "", values);
    }

    /// <summary>Resolves CSV column headers (<c>Name</c>, <c>Owner.Name</c>) to the fields they read.</summary>
    public async Task<IReadOnlyList<FieldDescribe?>> ResolveAsync(string objectName, IReadOnlyList<string> header, CancellationToken cancellationToken)
    {
        var fields = new List<FieldDescribe?>(header.Count);
        foreach (var path in header)
        {
            var describe = await describes.GetAsync(objectName, cancellationToken);
            var segments = path.Split('.');
            for (var i = 0; i < segments.Length - 1 && describe is not null; i++)
            {
                describe = describe.Relationship(segments[i]) is { ReferenceTo: [var target, ..] }
                    ? await describes.GetAsync(target, cancellationToken)
                    : null;
            }

            fields.Add(describe?.Field(segments[^1]));
        }

        return fields;
    }

    public static SalesforceRecord ReadCsv(string objectName, IReadOnlyList<string> header, IReadOnlyList<FieldDescribe?> fields, string[] row)
    {
        var values = new Dictionary<string, object?>(header.Count, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count && i < row.Length; i++)
        {
            values[header[i]] = fields[i] is { } field ? SalesforceValues.FromText(field, row[i]) : (row[i].Length == 0 ? null : row[i]);
        }

        return new SalesforceRecord(objectName, values.GetValueOrDefault("Id") as string ?? "", values);
    }

    private async ValueTask AddAsync(Dictionary<string, object?> values, JsonElement json, string objectName, string prefix, CancellationToken cancellationToken)
    {
        var describe = await describes.GetAsync(objectName, cancellationToken);
        foreach (var property in json.EnumerateObject())
        {
            if (property.NameEquals("attributes"))
            {
                continue;
            }

            var key = prefix + property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("attributes", out var attributes) && attributes.TryGetProperty("type", out var type))
            {
                await AddAsync(values, value, type.GetString()!, key + ".", cancellationToken);
            }
            else if (describe.Field(property.Name) is { } field)
            {
                values[key] = SalesforceValues.FromJson(field, value);
            }
            else if (value.ValueKind == JsonValueKind.Null && describe.Relationship(property.Name) is not null)
            {
                values[key] = null;
            }
            else
            {
                values[key] = value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Null ? null : value.GetRawText();
            }
        }
    }
}
