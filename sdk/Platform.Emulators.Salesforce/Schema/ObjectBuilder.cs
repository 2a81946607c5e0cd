namespace Platform.Emulators.Salesforce.Schema;

/// <summary>Builds object definitions the way Salesforce shapes them: system fields first, then the object's own.</summary>
internal sealed class ObjectBuilder
{
    private readonly ObjectDefinition _object;

    public ObjectBuilder(ObjectDefinition definition)
    {
        _object = definition;
        Add(new() { Name = "Id", Type = SfType.Id, Label = $"{definition.Label} ID", Length = 18, Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, IdLookup = true });
        Add(new() { Name = "IsDeleted", Type = SfType.Boolean, Label = "Deleted", Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true, DefaultValue = false });
    }

    public ObjectBuilder Audit()
    {
        Add(new() { Name = "CreatedDate", Type = SfType.DateTime, Label = "Created Date", Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true });
        Add(Reference("CreatedById", "Created By ID", ["User"], "CreatedBy") with { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true });
        Add(new() { Name = "LastModifiedDate", Type = SfType.DateTime, Label = "Last Modified Date", Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true });
        Add(Reference("LastModifiedById", "Last Modified By ID", ["User"], "LastModifiedBy") with { Createable = false, Updateable = false, Nillable = false, DefaultedOnCreate = true });
        Add(new() { Name = "SystemModstamp", Type = SfType.DateTime, Label = "System Modstamp", Nillable = false, Createable = false, Updateable = false, DefaultedOnCreate = true });
        return this;
    }

    public ObjectBuilder Owner() => Add(Reference("OwnerId", "Owner ID", ["User"], "Owner") with { Nillable = false, DefaultedOnCreate = true });

    public ObjectBuilder RecordType() => Add(Reference("RecordTypeId", "Record Type ID", ["RecordType"], "RecordType"));

    public ObjectBuilder MasterRecord() =>
        Add(Reference("MasterRecordId", "Master Record ID", [_object.Name], "MasterRecord") with { Createable = false, Updateable = false });

    public ObjectBuilder NameField(string label, int length = 255, bool createable = true) =>
        Add(new() { Name = "Name", Type = SfType.String, Label = label, Length = length, Nillable = !createable, Createable = createable, Updateable = createable, NameField = true });

    /// <summary>FirstName, LastName and Salutation, and the read-only Name they make up.</summary>
    public ObjectBuilder PersonName(bool salutation = true)
    {
        Add(new() { Name = "LastName", Type = SfType.String, Label = "Last Name", Length = 80, Nillable = false, CompoundFieldName = "Name", ExtraTypeInfo = "personname" });
        Add(new() { Name = "FirstName", Type = SfType.String, Label = "First Name", Length = 40, CompoundFieldName = "Name", ExtraTypeInfo = "personname" });
        if (salutation)
        {
            Add(PicklistField("Salutation", "Salutation", ["Mr.", "Ms.", "Mrs.", "Dr.", "Prof."]) with { CompoundFieldName = "Name", ExtraTypeInfo = "personname" });
        }

        return Add(new() { Name = "Name", Type = SfType.String, Label = "Full Name", Length = 121, Nillable = false, Createable = false, Updateable = false, NameField = true, ExtraTypeInfo = "personname" });
    }

    /// <summary>A compound address: Street, City, State, PostalCode, Country, Latitude, Longitude and the read-only Address.</summary>
    public ObjectBuilder Address(string prefix, string label)
    {
        var compound = prefix + "Address";
        Add(new() { Name = prefix + "Street", Type = SfType.TextArea, Label = $"{label} Street".Trim(), Length = 255, CompoundFieldName = compound, ExtraTypeInfo = "plaintextarea" });
        Add(new() { Name = prefix + "City", Type = SfType.String, Label = $"{label} City".Trim(), Length = 40, CompoundFieldName = compound });
        Add(new() { Name = prefix + "State", Type = SfType.String, Label = $"{label} State/Province".Trim(), Length = 80, CompoundFieldName = compound });
        Add(new() { Name = prefix + "PostalCode", Type = SfType.String, Label = $"{label} Zip/Postal Code".Trim(), Length = 20, CompoundFieldName = compound });
        Add(new() { Name = prefix + "Country", Type = SfType.String, Label = $"{label} Country".Trim(), Length = 80, CompoundFieldName = compound });
        Add(new() { Name = prefix + "Latitude", Type = SfType.Double, Label = $"{label} Latitude".Trim(), Precision = 18, Scale = 15, CompoundFieldName = compound });
        Add(new() { Name = prefix + "Longitude", Type = SfType.Double, Label = $"{label} Longitude".Trim(), Precision = 18, Scale = 15, CompoundFieldName = compound });
        return Add(new() { Name = compound, Type = SfType.Address, Label = $"{label} Address".Trim(), Createable = false, Updateable = false });
    }

    public ObjectBuilder Text(string name, string label, int length = 255, bool required = false, bool externalId = false, bool unique = false) =>
        Add(new() { Name = name, Type = SfType.String, Label = label, Length = length, Nillable = !required, ExternalId = externalId, Unique = unique, IdLookup = externalId || unique });

    public ObjectBuilder TextArea(string name, string label, int length = 32000, bool rich = false) =>
        Add(new() { Name = name, Type = SfType.TextArea, Label = label, Length = length, ExtraTypeInfo = rich ? "richtextarea" : "plaintextarea" });

    public ObjectBuilder Picklist(string name, string label, string[] values, bool required = false, string? defaultValue = null, bool restricted = false) =>
        Add(PicklistField(name, label, values, defaultValue) with { Nillable = !required, DefaultedOnCreate = defaultValue is not null, RestrictedPicklist = restricted, DefaultValue = defaultValue });

    public ObjectBuilder Bool(string name, string label, bool defaultValue = false, bool readOnly = false) =>
        Add(new() { Name = name, Type = SfType.Boolean, Label = label, Nillable = false, DefaultedOnCreate = true, DefaultValue = defaultValue, Createable = !readOnly, Updateable = !readOnly });

    public ObjectBuilder Number(string name, string label, SfType type, int precision = 18, int scale = 2, bool readOnly = false) =>
        Add(new() { Name = name, Type = type, Label = label, Precision = type == SfType.Int ? 0 : precision, Scale = type == SfType.Int ? 0 : scale, Digits = type == SfType.Int ? 9 : 0, Createable = !readOnly, Updateable = !readOnly });

    public ObjectBuilder Date(string name, string label, bool required = false, bool readOnly = false) =>
        Add(new() { Name = name, Type = SfType.Date, Label = label, Nillable = !required, Createable = !readOnly, Updateable = !readOnly });

    public ObjectBuilder DateTime(string name, string label, bool readOnly = false) =>
        Add(new() { Name = name, Type = SfType.DateTime, Label = label, Createable = !readOnly, Updateable = !readOnly });

    public ObjectBuilder Email(string name, string label, bool required = false, bool unique = false) =>
        Add(new() { Name = name, Type = SfType.Email, Label = label, Length = 80, Nillable = !required, IdLookup = true, Unique = unique });

    public ObjectBuilder Phone(string name, string label) => Add(new() { Name = name, Type = SfType.Phone, Label = label, Length = 40 });

    public ObjectBuilder Url(string name, string label) => Add(new() { Name = name, Type = SfType.Url, Label = label, Length = 255 });

    public ObjectBuilder Lookup(string name, string label, string[] referenceTo, string relationshipName, bool required = false, bool createOnly = false) =>
        Add(Reference(name, label, referenceTo, relationshipName) with { Nillable = !required, Updateable = !createOnly });

    public ObjectBuilder Add(FieldDefinition field)
    {
        _object.Add(field);
        return this;
    }

    public ObjectDefinition Build() => _object;

    public static FieldDefinition Reference(string name, string label, string[] referenceTo, string relationshipName) =>
        new() { Name = name, Type = SfType.Reference, Label = label, Length = 18, ReferenceTo = referenceTo, RelationshipName = relationshipName };

    public static FieldDefinition PicklistField(string name, string label, string[] values, string? defaultValue = null) =>
        new() { Name = name, Type = SfType.Picklist, Label = label, Length = 255, PicklistValues = [.. values.Select(v => new PicklistValue(v, IsDefault: v == defaultValue))] };
}
