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
        var mappings = DefaultMappings();
        if (mappings.Count == 0)
        {
            return "no default mappings.";
        }

        var salesforce = await OrgAsync(cancellationToken);
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

                if (WritesToSalesforce(mapping, field) && !field.SalesforceField.Contains('.', StringComparison.Ordinal) && !describe.Createable && !describe.Updateable)
                {
                    problems.Add($"{at}: the mapping writes it, but Salesforce does not let anyone write it");
                }
            }
        }

        Require(problems.Count == 0, string.Join("; ", problems) + ".");
        return $"{mappings.Count} default mappings, {fields} fields, all in the org's describe with compatible types.";
    }

    /// <summary>
    /// App to Salesforce: a record added app-side, as the connector reads it, mapped by the entity's default mapping, is
    /// created in the org, updated with the record's changed values, and deleted; the org accepts every mapped value
    /// (required fields, types, picklist values through the mapping's value map).
    /// </summary>
    private async Task<string> CheckToSalesforceAsync(ConformanceEntity entity, CancellationToken cancellationToken)
    {
        var mapping = DefaultMappings()
            .FirstOrDefault(m => string.Equals(m.Entity, entity.Name, StringComparison.OrdinalIgnoreCase) && m.Direction is SyncDirection.ToSalesforce or SyncDirection.Both);
        if (mapping is null)
        {
            return "no default mapping writes this entity to Salesforce.";
        }

        await using var client = new ClientScope(subject.Plugin.CreateClient(Context()));
        IConformanceApp? seeder = subject.App ?? _gateway;
        var id = seeder is not null ? await seeder.AddAsync(entity.Name, entity.Create, cancellationToken) : await CreateAsync(client.App, entity, cancellationToken);
        var salesforce = await OrgAsync(cancellationToken);
        var created = await SalesforceWriteAsync("create", async () =>
            await salesforce.CreateAsync(mapping.SalesforceObject, await ToSalesforceAsync(mapping, client.App, id, salesforce, cancellationToken), cancellationToken));
        await WriteOneAsync(client.App, entity.Name, new AppWrite { Kind = AppWriteKind.Update, Id = id, Values = entity.Update, IdempotencyKey = Key("update") }, cancellationToken);
        await SalesforceWriteAsync("update", async () =>
        {
            await salesforce.UpdateAsync(mapping.SalesforceObject, created, await ToSalesforceAsync(mapping, client.App, id, salesforce, cancellationToken), cancellationToken);
            return created;
        });

        await SalesforceWriteAsync("delete", async () =>
        {
            await salesforce.DeleteAsync(mapping.SalesforceObject, created, cancellationToken);
            return created;
        });
        return $"app record {id} became {mapping.SalesforceObject} {created} through the default mapping, was updated and deleted there.";
    }

    /// <summary>The app record's values as its default mapping writes them to Salesforce: mapped fields only, value maps applied, typed by describe.</summary>
    private static async Task<IReadOnlyDictionary<string, object?>> ToSalesforceAsync(ObjectMapping mapping, IAppClient app, string id, SalesforceClient salesforce, CancellationToken cancellationToken)
    {
        var record = await app.GetAsync(mapping.Entity, id, cancellationToken) ?? throw new CheckFailedException($"{id} cannot be read after it was added.");
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in mapping.Fields.Where(f => WritesToSalesforce(mapping, f) && !f.SalesforceField.Contains('.', StringComparison.Ordinal)))
        {
            if (!record.Values.TryGetValue(field.EntityField, out var value) || value is null || await salesforce.DescribeFieldAsync(mapping.SalesforceObject, field.SalesforceField, cancellationToken) is not { Createable: true } describe)
            {
                continue;
            }

            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            values[describe.Name] = SalesforceValues.FromText(describe, field.ValueMap.GetValueOrDefault(text) ?? text);
        }

        return values;
    }

    private static async Task<string> SalesforceWriteAsync(string what, Func<Task<string>> write)
    {
        try
        {
            return await write();
        }
        catch (SalesforceException e)
        {
            throw new CheckFailedException($"Salesforce refused the {what} of the mapped record: {e.Message}");
        }
    }

    /// <summary>The mappings an integration saved without any gets (the plugin's, for the subject's settings).</summary>
    private IReadOnlyList<ObjectMapping> DefaultMappings() => subject.Plugin.CreateDefaultMappings(Context() with { Mappings = [] });

    /// <summary>The emulated org (started once per run) and a client signed in to it.</summary>
    private async Task<SalesforceClient> OrgAsync(CancellationToken cancellationToken)
    {
        if (_salesforce is not null)
        {
            return _salesforce;
        }

        _org = await SalesforceEmulator.StartAsync(cancellationToken: cancellationToken);
        if (subject.SalesforceSeed is { } seed)
        {
            _org.Org.Apply(seed);
        }

        return _salesforce = new SalesforceClient(new HttpClient(), new SalesforceConnectionOptions
        {
            LoginUrl = _org.BaseUrl,
            Credentials = new PasswordCredentials(_org.Options.ClientId, _org.Options.ClientSecret, _org.Options.Username, _org.Options.Password),
        });
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

    /// <summary>Whether the field's values flow to Salesforce: both its own direction and its mapping's allow it.</summary>
    private static bool WritesToSalesforce(ObjectMapping mapping, FieldMapping field) =>
        mapping.Direction is SyncDirection.ToSalesforce or SyncDirection.Both && field.Direction is SyncDirection.ToSalesforce or SyncDirection.Both;
}
