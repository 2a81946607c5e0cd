using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>Fields Salesforce computes on save: person names, opportunity status flags, file facts, simple formulas.</summary>
internal static class ComputedFields
{
    public static void Apply(ObjectDefinition type, object?[] row)
    {
        if (type.Field("Name") is { Createable: false, ExtraTypeInfo: "personname" } name && type.Field("LastName") is { } last)
        {
            var first = type.Field("FirstName") is { } firstField ? row[firstField.Index] as string : null;
            row[name.Index] = string.Join(' ', new[] { first, row[last.Index] as string }.Where(s => !string.IsNullOrEmpty(s)));
        }

        switch (type.Name)
        {
            case "Opportunity":
                var stage = row[type.Field("StageName")!.Index] as string;
                row[type.Field("IsClosed")!.Index] = stage is "Closed Won" or "Closed Lost";
                row[type.Field("IsWon")!.Index] = stage == "Closed Won";
                break;
            case "ContentVersion":
                var path = row[type.Field("PathOnClient")!.Index] as string ?? "";
                var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
                row[type.Field("FileExtension")!.Index] = extension.Length == 0 ? null : extension;
                row[type.Field("FileType")!.Index] = extension.Length == 0 ? "UNKNOWN" : extension.ToUpperInvariant();
                row[type.Field("ContentSize")!.Index] = (row[type.Field("VersionData")!.Index] as byte[])?.LongLength ?? 0L;
                break;
        }

        foreach (var field in type.Fields)
        {
            if (field is { Calculated: true, CalculatedFormula: { } formula } && type.Field(formula.Trim()) is { } source && field.Index < row.Length)
            {
                row[field.Index] = source.Index < row.Length ? row[source.Index] : null;
            }
        }
    }
}
