namespace Platform.Emulators.Salesforce.Schema;

/// <summary>Salesforce field types, as describe's <c>type</c> spells them in lower case.</summary>
public enum SfType
{
    Id,
    String,
    TextArea,
    Picklist,
    MultiPicklist,
    Combobox,
    Boolean,
    Currency,
    Double,
    Percent,
    Int,
    Date,
    DateTime,
    Time,
    Email,
    Phone,
    Url,
    Reference,
    Address,
    Location,
    EncryptedString,
    Base64,
}

/// <summary>Describe names and SOAP types of <see cref="SfType"/>.</summary>
public static class SfTypes
{
    public static string DescribeName(this SfType type) => type switch
    {
        SfType.TextArea => "textarea",
        SfType.MultiPicklist => "multipicklist",
        SfType.DateTime => "datetime",
        SfType.EncryptedString => "encryptedstring",
        _ => type.ToString().ToLowerInvariant(),
    };

    public static SfType? Parse(string name) =>
        Enum.GetValues<SfType>().Cast<SfType?>().FirstOrDefault(t => string.Equals(t!.Value.DescribeName(), name, StringComparison.OrdinalIgnoreCase));

    public static string SoapType(this SfType type) => type switch
    {
        SfType.Id or SfType.Reference => "tns:ID",
        SfType.Boolean => "xsd:boolean",
        SfType.Currency or SfType.Double or SfType.Percent => "xsd:double",
        SfType.Int => "xsd:int",
        SfType.Date => "xsd:date",
        SfType.DateTime => "xsd:dateTime",
        SfType.Time => "xsd:time",
        SfType.Address => "urn:address",
        SfType.Location => "urn:location",
        SfType.Base64 => "xsd:base64Binary",
        _ => "xsd:string",
    };

    /// <summary>Whether values are text (strings in JSON, compared as text in SOQL).</summary>
    public static bool IsText(this SfType type) => type is SfType.Id or SfType.String or SfType.TextArea or SfType.Picklist
        or SfType.MultiPicklist or SfType.Combobox or SfType.Email or SfType.Phone or SfType.Url or SfType.Reference or SfType.EncryptedString;

    public static bool IsNumber(this SfType type) => type is SfType.Currency or SfType.Double or SfType.Percent or SfType.Int;

    public static bool IsCompound(this SfType type) => type is SfType.Address or SfType.Location;
}
