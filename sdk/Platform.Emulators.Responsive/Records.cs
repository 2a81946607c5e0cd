namespace Platform.Emulators.Responsive;

/// <summary>Projects (RFP responses) and intakes (requests that may become projects): the two kinds of work the API exposes.</summary>
public enum WorkKind
{
    Project,
    Intake,
}

/// <summary>A project or an intake, as the ext/v1 API shows it.</summary>
public sealed class WorkRecord
{
    public required long Id { get; init; }

    public required WorkKind Kind { get; init; }

    public string Name { get; set; } = "";

    /// <summary>Due date and time; the API writes it as <c>yyyy-MM-dd HH:mm:ss XXX</c>.</summary>
    public DateTimeOffset? DueDate { get; set; }

    /// <summary>The e-mail of the Responsive user who owns the work (a project's required primary contact; an intake's requester).</summary>
    public string? PrimaryContact { get; set; }

    public List<string> AdditionalContacts { get; set; } = [];

    public List<string> Category { get; set; } = [];

    public string? ClientName { get; set; }

    public string? ClientEmail { get; set; }

    public string? ClientPhone { get; set; }

    public Dictionary<string, string?> CustomFields { get; set; } = new(StringComparer.Ordinal);

    public decimal? DealSize { get; set; }

    public string? Description { get; set; }

    public string? ExternalId { get; set; }

    public string? PrimaryBU { get; set; }

    public string? ProjectType { get; set; }

    /// <summary>A project's stage or an intake's status (set by Responsive's workflow, read-only in the API).</summary>
    public string Stage { get; set; } = "";

    /// <summary>The Salesforce record the work is associated with (15 or 18 characters), if any.</summary>
    public string? CrmRecordId { get; set; }

    /// <summary>The associated record's object type (e.g. Opportunity, Account).</summary>
    public string? CrmObjectType { get; set; }

    /// <summary>When a user last worked in the project (opened it, answered, commented).</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal List<ExportPackage> Exports { get; } = [];

    internal WorkRecord Clone()
    {
        var copy = (WorkRecord)MemberwiseClone();
        copy.AdditionalContacts = [.. AdditionalContacts];
        copy.Category = [.. Category];
        copy.CustomFields = new Dictionary<string, string?>(CustomFields, StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>A response package a user exported from a project (the document sent to the client).</summary>
public sealed record ExportPackage(long Id, long ProjectId, string FileName, string ContentType, long Size, DateTimeOffset ExportedAt, string ExportedBy)
{
    internal byte[] Content { get; init; } = [];
}
