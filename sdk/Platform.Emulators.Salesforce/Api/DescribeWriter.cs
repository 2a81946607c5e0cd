using System.Text.Json;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Api;

/// <summary>describeGlobal and sObject describe bodies; object and field flags reflect the caller's permissions.</summary>
internal static class DescribeWriter
{
    private const string MasterRecordTypeId = "012000000000000AAA";

    public static void WriteGlobal(Utf8JsonWriter w, OrgSchema schema, UserPermissions permissions, string version)
    {
        w.WriteStartObject();
        w.WriteString("encoding", "UTF-8");
        w.WriteNumber("maxBatchSize", 200);
        w.WriteStartArray("sobjects");
        foreach (var type in schema.Objects.Where(t => permissions.Can(t, 'R')).OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            WriteObjectFlags(w, type, permissions, version);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void WriteObject(Utf8JsonWriter w, ObjectDefinition type, OrgStore store, UserPermissions permissions, string version, string baseUrl)
    {
        var schema = store.Schema;
        w.WriteStartObject();
        w.WriteStartArray("actionOverrides");
        w.WriteEndArray();
        w.WriteStartArray("childRelationships");
        foreach (var (child, field) in schema.ChildRelationships(type))
        {
            w.WriteStartObject();
            w.WriteBoolean("cascadeDelete", field.CascadeDelete);
            w.WriteString("childSObject", child.Name);
            w.WriteBoolean("deprecatedAndHidden", false);
            w.WriteString("field", field.Name);
            w.WriteStartArray("junctionIdListNames");
            w.WriteEndArray();
            w.WriteStartArray("junctionReferenceTo");
            w.WriteEndArray();
            if (ChildRelationshipName(child, field) is { } name)
            {
                w.WriteString("relationshipName", name);
            }
            else
            {
                w.WriteNull("relationshipName");
            }

            w.WriteBoolean("restrictedDelete", false);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("compactLayoutable", true);
        w.WriteBoolean("deepCloneable", false);
        w.WriteNull("defaultImplementation");
        w.WriteNull("extendedBy");
        w.WriteNull("extendsInterfaces");
        w.WriteStartArray("fields");
        foreach (var field in type.Fields)
        {
            WriteField(w, type, field, permissions);
        }

        w.WriteEndArray();
        w.WriteNull("implementedBy");
        w.WriteNull("implementsInterfaces");
        w.WriteBoolean("listviewable", true);
        w.WriteBoolean("lookupLayoutable", true);
        w.WriteStartArray("namedLayoutInfos");
        w.WriteEndArray();
        w.WriteNull("networkScopeFieldName");
        w.WriteStartArray("recordTypeInfos");
        var recordTypes = store.Rows(schema.Find("RecordType")!)
            .Where(r => !r.IsDeleted && r["IsActive"] is true && string.Equals(r["SobjectType"] as string, type.Name, StringComparison.OrdinalIgnoreCase))
            .ToList();
        foreach (var recordType in recordTypes)
        {
            WriteRecordTypeInfo(w, type, version, recordType.Id, (string)recordType["DeveloperName"]!, (string)recordType["Name"]!, master: false);
        }

        WriteRecordTypeInfo(w, type, version, MasterRecordTypeId, "Master", "Master", master: true);
        w.WriteEndArray();
        w.WriteBoolean("searchLayoutable", true);
        w.WriteString("sobjectDescribeOption", "FULL");
        w.WriteStartArray("supportedScopes");
        w.WriteEndArray();
        WriteObjectFlags(w, type, permissions, version, baseUrl);
        w.WriteEndObject();
    }

    /// <summary>The flags and URLs shared by describeGlobal entries and full describes.</summary>
    public static void WriteObjectFlags(Utf8JsonWriter w, ObjectDefinition type, UserPermissions permissions, string version, string? baseUrl = null)
    {
        var prefix = $"/services/data/v{version}/sobjects/{type.Name}";
        w.WriteBoolean("activateable", false);
        w.WriteNull("associateEntityType");
        w.WriteNull("associateParentEntity");
        w.WriteBoolean("createable", type.Createable && permissions.Can(type, 'C'));
        w.WriteBoolean("custom", type.Custom);
        w.WriteBoolean("customSetting", false);
        w.WriteBoolean("deletable", type.Deletable && permissions.Can(type, 'D'));
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteBoolean("feedEnabled", type.FeedEnabled);
        w.WriteBoolean("hasSubtypes", false);
        w.WriteBoolean("isInterface", false);
        w.WriteBoolean("isSubtype", false);
        w.WriteString("keyPrefix", type.KeyPrefix);
        w.WriteString("label", type.Label);
        w.WriteString("labelPlural", type.LabelPlural);
        w.WriteBoolean("layoutable", true);
        w.WriteBoolean("mergeable", type.Mergeable);
        w.WriteBoolean("mruEnabled", true);
        w.WriteString("name", type.Name);
        w.WriteBoolean("queryable", type.Queryable && permissions.Can(type, 'R'));
        w.WriteBoolean("replicateable", type.Replicateable);
        w.WriteBoolean("retrieveable", true);
        w.WriteBoolean("searchable", true);
        w.WriteBoolean("triggerable", true);
        w.WriteBoolean("undeletable", type.Deletable);
        w.WriteBoolean("updateable", type.Updateable && permissions.Can(type, 'E'));
        w.WriteStartObject("urls");
        w.WriteString("rowTemplate", prefix + "/{ID}");
        w.WriteString("describe", prefix + "/describe");
        if (baseUrl is not null)
        {
            w.WriteString("uiDetailTemplate", baseUrl + "/{ID}");
            w.WriteString("uiEditTemplate", baseUrl + "/{ID}/e");
            w.WriteString("uiNewRecord", $"{baseUrl}/{type.KeyPrefix}/e");
        }

        w.WriteString("sobject", prefix);
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, ObjectDefinition type, FieldDefinition f, UserPermissions permissions)
    {
        var text = f.Type.IsText();
        w.WriteStartObject();
        w.WriteBoolean("aggregatable", f.Sortable);
        w.WriteBoolean("aiPredictionField", false);
        w.WriteBoolean("autoNumber", f.AutoNumber);
        w.WriteNumber("byteLength", f.Type is SfType.Id or SfType.Reference ? 18 : text ? f.Length * 3 : 0);
        w.WriteBoolean("calculated", f.Calculated);
        WriteNullable(w, "calculatedFormula", f.CalculatedFormula);
        w.WriteBoolean("cascadeDelete", f.CascadeDelete);
        w.WriteBoolean("caseSensitive", false);
        WriteNullable(w, "compoundFieldName", f.CompoundFieldName);
        w.WriteNull("controllerName");
        w.WriteBoolean("createable", f.Createable && f.Writable && type.Createable && permissions.Can(type, 'C'));
        w.WriteBoolean("custom", f.Custom);
        w.WritePropertyName("defaultValue");
        Json.RecordJson.WriteScalar(w, f.Type == SfType.Boolean ? f.DefaultValue ?? false : f.DefaultValue);
        w.WriteNull("defaultValueFormula");
        w.WriteBoolean("defaultedOnCreate", f.DefaultedOnCreate);
        w.WriteBoolean("dependentPicklist", false);
        w.WriteBoolean("deprecatedAndHidden", false);
        w.WriteNumber("digits", f.Digits);
        w.WriteBoolean("displayLocationInDecimal", false);
        w.WriteBoolean("encrypted", f.Encrypted);
        w.WriteBoolean("externalId", f.ExternalId);
        WriteNullable(w, "extraTypeInfo", f.ExtraTypeInfo);
        w.WriteBoolean("filterable", f.Filterable);
        w.WriteNull("filteredLookupInfo");
        w.WriteBoolean("formulaTreatNullNumberAsZero", false);
        w.WriteBoolean("groupable", f.Sortable && !f.Type.IsNumber() && f.Type is not SfType.DateTime);
        w.WriteBoolean("highScaleNumber", false);
        w.WriteBoolean("htmlFormatted", f.ExtraTypeInfo == "richtextarea");
        w.WriteBoolean("idLookup", f.IdLookup);
        w.WriteNull("inlineHelpText");
        w.WriteString("label", f.DisplayLabel);
        w.WriteNumber("length", text ? f.Length : 0);
        w.WriteNull("mask");
        w.WriteNull("maskType");
        w.WriteString("name", f.Name);
        w.WriteBoolean("nameField", f.NameField);
        w.WriteBoolean("namePointing", f.Polymorphic);
        w.WriteBoolean("nillable", f.Nillable);
        w.WriteBoolean("permissionable", f.Nillable && !f.Calculated);
        w.WriteStartArray("picklistValues");
        foreach (var value in f.PicklistValues)
        {
            w.WriteStartObject();
            w.WriteBoolean("active", value.Active);
            w.WriteBoolean("defaultValue", value.IsDefault);
            w.WriteString("label", value.Label ?? value.Value);
            w.WriteNull("validFor");
            w.WriteString("value", value.Value);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteBoolean("polymorphicForeignKey", f.Polymorphic);
        w.WriteNumber("precision", f.Precision);
        w.WriteBoolean("queryByDistance", f.Type == SfType.Address);
        w.WriteNull("referenceTargetField");
        w.WriteStartArray("referenceTo");
        foreach (var target in f.ReferenceTo)
        {
            w.WriteStringValue(target);
        }

        w.WriteEndArray();
        WriteNullable(w, "relationshipName", f.RelationshipName);
        w.WriteNull("relationshipOrder");
        w.WriteBoolean("restrictedDelete", false);
        w.WriteBoolean("restrictedPicklist", f.RestrictedPicklist);
        w.WriteNumber("scale", f.Scale);
        w.WriteBoolean("searchPrefilterable", false);
        w.WriteString("soapType", f.Type.SoapType());
        w.WriteBoolean("sortable", f.Sortable);
        w.WriteString("type", f.Type.DescribeName());
        w.WriteBoolean("unique", f.Unique);
        w.WriteBoolean("updateable", f.Updateable && f.Writable && type.Updateable && permissions.Can(type, 'E'));
        w.WriteBoolean("writeRequiresMasterRead", false);
        w.WriteEndObject();
    }

    private static void WriteRecordTypeInfo(Utf8JsonWriter w, ObjectDefinition type, string version, string id, string developerName, string name, bool master)
    {
        w.WriteStartObject();
        w.WriteBoolean("active", true);
        w.WriteBoolean("available", true);
        w.WriteBoolean("defaultRecordTypeMapping", master);
        w.WriteString("developerName", developerName);
        w.WriteBoolean("master", master);
        w.WriteString("name", name);
        w.WriteString("recordTypeId", id);
        w.WriteStartObject("urls");
        w.WriteString("layout", $"/services/data/v{version}/sobjects/{type.Name}/describe/layouts/{id}");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string? ChildRelationshipName(ObjectDefinition child, FieldDefinition field)
    {
        if (field.Custom)
        {
            return child.LabelPlural.Replace(" ", "_", StringComparison.Ordinal) + "__r";
        }

        return field.Name is "OwnerId" or "CreatedById" or "LastModifiedById" || field.Name.StartsWith("Master", StringComparison.Ordinal)
            ? null
            : child.LabelPlural.Replace(" ", "", StringComparison.Ordinal);
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
