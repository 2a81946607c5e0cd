using Platform.Emulators.Salesforce;
using Platform.PluginContract;
using Platform.Salesforce;

namespace Platform.Sdk.Testing;

internal sealed partial class ConformanceRun
{
    /// <summary>
    /// The default mappings against a Salesforce org's describe (the emulator, with the subject's custom fields): every
    /// object and field exists, types are compatible, and fields the mapping writes to Salesforce are writable there.
    /// </summary>
    private async Task<string> CheckMappingsAsync(CancellationToken cancellationToken)
    {
        var mappings = subject.Plugin.CreateDefaultMappings(Context() with { Mappings = [] });
        if (mappings.Count == 0)
        {
            return "no default mappings.";
        }

        await using var org = await SalesforceEmulator.StartAsync(cancellationToken: cancellationToken);
        if (subject.SalesforceSeed is { } seed)
        {
            org.Org.Apply(seed);
        }

        using var http = new HttpClient();
        using var salesforce = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = org.BaseUrl,
            Credentials = new PasswordCredentials(org.Options.ClientId, org.Options.ClientSecret, org.Options.Username, org.Options.Password),
        });
        var problems = new List<string>();
        var fields = 0;
        foreach (var mapping in mappings)
        {
            var entity = _definition!.Entities.First(e => string.Equals(e.Name, mapping.Entity, StringComparison.OrdinalIgnoreCase));
            foreach (var field in mapping.Fields)
            {
                fields++;
                var at = $"{mapping.Entity}.{field.EntityField} → {mapping.SalesforceObject}.{field.SalesforceField}";
                var describe = await DescribeFieldAsync(salesforce, mapping.SalesforceObject, field.SalesforceField, cancellationToken);
                if (describe is null)
                {
                    problems.Add($"{at}: the org has no such field (add it to ConformanceSubject.SalesforceSeed if admins must create it)");
                    continue;
                }

                var app = entity.FindField(field.EntityField)!;
                if (!FieldCompatibility.IsCompatible(app.Type, describe.Type))
                {
                    problems.Add($"{at}: an app {app.Type} cannot map onto a Salesforce {describe.Type}");
                }

                var writes = Effective(mapping.Direction, field.Direction) is SyncDirection.ToSalesforce or SyncDirection.Both;
                if (writes && !field.SalesforceField.Contains('.', StringComparison.Ordinal) && !describe.Createable && !describe.Updateable)
                {
                    problems.Add($"{at}: the mapping writes it, but Salesforce does not let anyone write it");
                }
            }
        }

        Require(problems.Count == 0, string.Join("; ", problems) + ".");
        return $"{mappings.Count} default mappings, {fields} fields, all in the org's describe with compatible types.";
    }

    private static async Task<FieldDescribe?> DescribeFieldAsync(SalesforceClient salesforce, string objectName, string field, CancellationToken cancellationToken)
    {
        try
        {
            return await salesforce.DescribeFieldAsync(objectName, field, cancellationToken);
        }
        catch (SalesforceException e)
        {
            throw new CheckFailedException($"describing {objectName} failed: {e.Message}");
        }
    }

    private static SyncDirection Effective(SyncDirection mapping, SyncDirection field) =>
        mapping == SyncDirection.Both ? field : field == SyncDirection.Both || field == mapping ? mapping : SyncDirection.None;
}
