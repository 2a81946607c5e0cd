using System.Text.Json;
using Platform.Emulators.Salesforce.Json;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// Creates, updates, upserts and deletes records with Salesforce's validation and error codes. Every API surface
/// (single record, Collections, Composite, seeding) goes through here. The caller holds the store's lock.
/// </summary>
internal sealed class RecordWriter(OrgStore store, OrgSettings settings, IReadOnlyDictionary<string, string> defaultRecordTypes)
{
    private const string Rollback = "Record rolled back because not all records were valid and the request was using AllOrNone header";

    public static SalesforceError RolledBack { get; } = new("ALL_OR_NONE_OPERATION_ROLLED_BACK", Rollback, []);

    public SaveResult Create(ObjectDefinition type, JsonElement body, Caller caller, Func<string, string?>? resolveReference = null, IReadOnlyDictionary<FieldDefinition, object?>? preset = null)
    {
        if (!type.Createable || !caller.User.Permissions.Can(type, 'C'))
        {
            return SaveResult.Fail(NoAccess(type));
        }

        var errors = new List<SalesforceError>();
        var values = Read(type, body, creating: true, errors, resolveReference);
        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        foreach (var (field, value) in preset ?? new Dictionary<FieldDefinition, object?>())
        {
            values[field] = value;
        }

        if (type.Field("RecordTypeId") is { } recordType && !values.ContainsKey(recordType) && defaultRecordTypes.TryGetValue(type.Name, out var defaultRecordType))
        {
            values[recordType] = defaultRecordType;
        }

        Validate(type, values, existing: null, errors);
        if (errors.Count == 0 && DuplicateOf(type, values, existing: null, caller) is { } duplicate)
        {
            errors.Add(duplicate);
        }

        if (errors.Count > 0)
        {
            return new SaveResult(null, errors);
        }

        var row = store.Insert(type, values, caller.User.UserId, caller.Client);
        if (type.Name == "ContentVersion")
        {
            row = Publish(row, caller);
        }

        return new SaveResult(row, [], Created: true);
    }

    public SaveResult Update(ObjectDefinition? expectedType, string id, JsonElement body, Caller caller, bool inCollection)
    {
        var existing = Find(expectedType, id, inCollection, out var notFound);
        if (existing is null)
        {
            return SaveResult.Fail(notFound!);
        }

        var type = existing.Type;
        if (!type.Updateable || !caller.User.Permissions.Can(type, 'E'))
        {
            return SaveResult.Fail(NoAccess(type));
        }

        var errors = new List<SalesforceError>();
        var values = Read(type, body, creating: false, errors, resolveReference: null);
        if (errors.Count == 0)
        {
            Validate(type, values, existing, errors);
        }

        if (errors.Count == 0 && DuplicateOf(type, values, existing, caller) is { } duplicate)
        {
            errors.Add(duplicate);
        }

        return errors.Count > 0 ? new SaveResult(null, errors) : new SaveResult(store.Update(existing, values, caller.User.UserId, caller.Client), []);
    }

    public SaveResult Delete(ObjectDefinition? expectedType, string id, Caller caller, bool inCollection)
    {
        var existing = Find(expectedType, id, inCollection, out var notFound);
        if (existing is null)
        {
            return SaveResult.Fail(notFound!);
        }

        if (!existing.Type.Deletable || !caller.User.Permissions.Can(existing.Type, 'D'))
        {
            return SaveResult.Fail(NoAccess(existing.Type));
        }

        store.Delete(existing, caller.User.UserId, caller.Client);
        return new SaveResult(existing, []);
    }

    /// <summary>Upsert by an external id (or Id) field; <see cref="UpsertResult.Matches"/> holds the ids when several records match.</summary>
    public UpsertResult Upsert(ObjectDefinition type, FieldDefinition key, string value, JsonElement body, Caller caller, bool updateOnly)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(key.Name, out var inBody) && inBody.ValueKind != JsonValueKind.Null
            && !string.Equals(inBody.ToString(), value, StringComparison.OrdinalIgnoreCase))
        {
            return new UpsertResult(SaveResult.Fail(new SalesforceError("INVALID_FIELD", $"The value of the external ID field {key.Name} in the request body ({inBody}) does not match the value in the URL ({value})", [key.Name])), []);
        }

        var matches = key.Name == "Id"
            ? (store.Get(value) is { IsDeleted: false } row && row.Type == type ? [row] : [])
            : store.FindBy(type, key, value);
        switch (matches.Count)
        {
            case 0 when key.Name == "Id" || updateOnly:
                return new UpsertResult(SaveResult.Fail(SalesforceError.NotFound()), []);
            case 0:
                var withKey = WithProperty(body, key.Name, value);
                return new UpsertResult(Create(type, withKey, caller), []);
            case 1:
                return new UpsertResult(Update(type, matches[0].Id, WithoutProperty(body, key.Name), caller, inCollection: true), []);
            default:
                return new UpsertResult(SaveResult.Fail(new SalesforceError("DUPLICATE_EXTERNAL_ID", $"{key.DisplayLabel}: more than one record found for external id field: [{string.Join(", ", matches.Select(m => m.Id))}]", [key.Name])), [.. matches.Select(m => m.Id)]);
        }
    }

    private RecordRow? Find(ObjectDefinition? expectedType, string id, bool inCollection, out SalesforceError? error)
    {
        error = null;
        if (!SalesforceId.IsWellFormed(id))
        {
            error = inCollection ? new("MALFORMED_ID", $"malformed id {id}", []) : SalesforceError.NotFound();
            return null;
        }

        var row = store.Get(id);
        if (row is null || (expectedType is not null && row.Type != expectedType))
        {
            error = inCollection ? new("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", []) : SalesforceError.NotFound();
            return null;
        }

        if (row.IsDeleted)
        {
            error = SalesforceError.EntityIsDeleted();
            return null;
        }

        return row;
    }

    private static Dictionary<FieldDefinition, object?> Read(ObjectDefinition type, JsonElement body, bool creating, List<SalesforceError> errors, Func<string, string?>? resolveReference)
    {
        var values = new Dictionary<FieldDefinition, object?>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(SalesforceError.JsonParser($"Cannot deserialize instance of {type.Name} from {(body.ValueKind == JsonValueKind.Array ? "START_ARRAY" : "VALUE_STRING")} value or request may be missing a required field"));
            return values;
        }

        var readOnly = new List<string>();
        foreach (var property in body.EnumerateObject())
        {
            if (property.NameEquals("attributes") || property.NameEquals("$ref"))
            {
                continue;
            }

            if (string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase))
            {
                if (creating)
                {
                    errors.Add(new("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call", ["Id"]));
                    return values;
                }

                continue;
            }

            if (type.Field(property.Name) is not { } field)
            {
                errors.Add(SalesforceError.InvalidField(property.Name, type.Name));
                return values;
            }

            if (!field.Writable || !(creating ? field.Createable : field.Updateable))
            {
                readOnly.Add(field.Name);
                continue;
            }

            var json = property.Value;
            if (resolveReference is not null && field.Type == SfType.Reference && json.ValueKind == JsonValueKind.String && json.GetString() is ['@', .. var handle])
            {
                var resolved = resolveReference(handle) ?? throw new SchemaException($"Unknown record reference @{handle}.");
                values[field] = resolved;
                continue;
            }

            if (!FieldValueReader.TryRead(field, json, out var value, out var error))
            {
                errors.Add(error!);
                return values;
            }

            values[field] = value;
        }

        if (readOnly.Count > 0)
        {
            errors.Add(new("INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to create/update fields: {string.Join(", ", readOnly)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                readOnly));
        }

        return values;
    }

    private void Validate(ObjectDefinition type, Dictionary<FieldDefinition, object?> values, RecordRow? existing, List<SalesforceError> errors)
    {
        var recordTypeName = RecordTypeName(type, values, existing, errors);
        foreach (var (field, value) in values)
        {
            var problem = FieldValueReader.Check(field, value, recordTypeName) ?? (field.Type == SfType.Reference && field.Name != "RecordTypeId" ? CheckReference(field, value) : null);
            if (problem is not null)
            {
                errors.Add(problem);
                return;
            }
        }

        var missing = type.Fields
            .Where(f => !f.Nillable && f.Type != SfType.Boolean && f.Createable && !f.DefaultedOnCreate && !f.Calculated)
            .Where(f => existing is null ? values.GetValueOrDefault(f) is null : values.TryGetValue(f, out var v) && v is null)
            .Select(f => f.Name)
            .ToList();
        if (missing.Count > 0)
        {
            errors.Add(new("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing));
        }
    }

    private string? RecordTypeName(ObjectDefinition type, Dictionary<FieldDefinition, object?> values, RecordRow? existing, List<SalesforceError> errors)
    {
        if (type.Field("RecordTypeId") is not { } field)
        {
            return null;
        }

        var id = values.TryGetValue(field, out var given) ? given as string : existing?[field] as string;
        if (id is null)
        {
            return null;
        }

        if (store.Get(id) is { IsDeleted: false } recordType && recordType.Type.Name == "RecordType"
            && string.Equals(recordType["SobjectType"] as string, type.Name, StringComparison.OrdinalIgnoreCase) && recordType["IsActive"] is true)
        {
            values[field] = recordType.Id;
            return recordType["DeveloperName"] as string;
        }

        errors.Add(new("INVALID_CROSS_REFERENCE_KEY", $"Record Type ID: this ID value isn't valid for the user: {id}", ["RecordTypeId"]));
        return null;
    }

    private SalesforceError? CheckReference(FieldDefinition field, object? value)
    {
        if (value is not string id || field.ReferenceTo.All(r => r.EndsWith("__x", StringComparison.Ordinal)))
        {
            return null;
        }

        if (!SalesforceId.IsWellFormed(id))
        {
            return new("MALFORMED_ID", $"{field.DisplayLabel}: id value of incorrect type: {id}", [field.Name]);
        }

        var target = store.Get(id);
        if (target is null)
        {
            return store.Schema.FindByPrefix(id) is { } kind && !field.ReferenceTo.Contains(kind.Name, StringComparer.OrdinalIgnoreCase)
                ? new("FIELD_INTEGRITY_EXCEPTION", $"{field.DisplayLabel}: id value of incorrect type: {id}", [field.Name])
                : new("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", [field.Name]);
        }

        if (!field.ReferenceTo.Contains(target.Type.Name, StringComparer.OrdinalIgnoreCase))
        {
            return new("FIELD_INTEGRITY_EXCEPTION", $"{field.DisplayLabel}: id value of incorrect type: {id}", [field.Name]);
        }

        return target.IsDeleted ? new("ENTITY_IS_DELETED", "entity is deleted", [field.Name]) : null;
    }

    private SalesforceError? DuplicateOf(ObjectDefinition type, Dictionary<FieldDefinition, object?> values, RecordRow? existing, Caller caller)
    {
        if (settings.DuplicateRule == DuplicateRuleMode.Off || type.Name is not ("Lead" or "Contact") || type.Field("Email") is not { } email)
        {
            return null;
        }

        var address = values.TryGetValue(email, out var given) ? given as string : existing?[email] as string;
        if (address is null || (existing is not null && !values.ContainsKey(email)))
        {
            return null;
        }

        var others = store.FindBy(type, email, address).Where(r => r.Id != existing?.Id).Select(r => r.Id).ToList();
        if (others.Count == 0 || (settings.DuplicateRule == DuplicateRuleMode.Alert && caller.AllowDuplicateSave))
        {
            return null;
        }

        const string message = "You're creating a duplicate record. We recommend you use an existing record instead.";
        return new SalesforceError("DUPLICATES_DETECTED", message)
        {
            Duplicates = new DuplicateMatch(type.Name, others, settings.DuplicateRule == DuplicateRuleMode.Alert, caller.ApiVersion),
        };
    }

    /// <summary>Saving a ContentVersion creates its ContentDocument (or adds a version to one) and links it where first published.</summary>
    private RecordRow Publish(RecordRow version, Caller caller)
    {
        var documents = store.Schema.Find("ContentDocument")!;
        var versionType = version.Type;
        var documentField = versionType.Field("ContentDocumentId")!;
        var changes = new Dictionary<FieldDefinition, object?> { [versionType.Field("IsLatest")!] = true };
        RecordRow document;
        if (version[documentField] is string documentId && store.Get(documentId) is { IsDeleted: false } existingDocument)
        {
            var previous = store.Rows(versionType).Where(v => Equals(v[documentField], documentId) && v.Id != version.Id && v["IsLatest"] is true).ToList();
            foreach (var older in previous)
            {
                store.Update(older, new Dictionary<FieldDefinition, object?> { [versionType.Field("IsLatest")!] = false }, caller.User.UserId, caller.Client);
            }

            changes[versionType.Field("VersionNumber")!] = (store.Rows(versionType).Count(v => Equals(v[documentField], documentId))).ToString(System.Globalization.CultureInfo.InvariantCulture);
            document = existingDocument;
        }
        else
        {
            document = store.Insert(documents, new Dictionary<FieldDefinition, object?> { [documents.Field("Title")!] = version["Title"] }, caller.User.UserId, caller.Client);
            changes[documentField] = document.Id;
            changes[versionType.Field("VersionNumber")!] = "1";
            if (version["FirstPublishLocationId"] is string location)
            {
                var links = store.Schema.Find("ContentDocumentLink")!;
                store.Insert(links, new Dictionary<FieldDefinition, object?>
                {
                    [links.Field("LinkedEntityId")!] = location,
                    [links.Field("ContentDocumentId")!] = document.Id,
                    [links.Field("ShareType")!] = "I",
                }, caller.User.UserId, caller.Client);
            }
        }

        var saved = store.Update(version, changes, caller.User.UserId, caller.Client);
        store.Update(document, new Dictionary<FieldDefinition, object?>
        {
            [documents.Field("Title")!] = saved["Title"],
            [documents.Field("LatestPublishedVersionId")!] = saved.Id,
            [documents.Field("FileType")!] = saved["FileType"],
            [documents.Field("FileExtension")!] = saved["FileExtension"],
            [documents.Field("ContentSize")!] = saved["ContentSize"],
        }, caller.User.UserId, caller.Client);
        return saved;
    }

    private static SalesforceError NoAccess(ObjectDefinition type) =>
        new("INSUFFICIENT_ACCESS_OR_READONLY", $"insufficient access rights on object id (no permission on {type.Name})", []);

    private static JsonElement WithProperty(JsonElement body, string name, string value)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(body.ValueKind == JsonValueKind.Object ? body.GetRawText() : "{}")!.AsObject();
        copy[name] = value;
        return JsonSerializer.SerializeToElement(copy);
    }

    private static JsonElement WithoutProperty(JsonElement body, string name)
    {
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty(name, out _))
        {
            return body;
        }

        var copy = System.Text.Json.Nodes.JsonNode.Parse(body.GetRawText())!.AsObject();
        copy.Remove(name);
        return JsonSerializer.SerializeToElement(copy);
    }
}

/// <summary>An upsert's outcome; <see cref="Matches"/> is non-empty when several records matched (HTTP 300).</summary>
internal sealed record UpsertResult(SaveResult Save, IReadOnlyList<string> Matches);
