namespace Platform.Emulators.Salesforce.Model;

/// <summary>Org-wide behaviour that tests and demos change at run time (<c>PUT /__admin/settings</c>).</summary>
public sealed class OrgSettings
{
    /// <summary>The duplicate rule on Lead and Contact e-mail. Default: <see cref="DuplicateRuleMode.Off"/>.</summary>
    public DuplicateRuleMode DuplicateRule { get; set; } = DuplicateRuleMode.Off;

    /// <summary>Rows per query page when the client asks for none. Default: 2,000, as Salesforce.</summary>
    public int QueryBatchSize { get; set; } = 2000;

    /// <summary>Whether the org is a sandbox (Organization.IsSandbox). Default: <see langword="false"/>.</summary>
    public bool IsSandbox { get; set; }

    /// <summary>
    /// Rows a Bulk ingest job processes before it fails part-way, as a real job can (the rows before stay committed, the
    /// rest are left unprocessed). Default: <see langword="null"/>, no limit.
    /// </summary>
    public int? BulkIngestRowLimit { get; set; }

    /// <summary>The org's name. Default: "Platform Emulator Org".</summary>
    public string OrgName { get; set; } = "Platform Emulator Org";
}

/// <summary>How the Lead/Contact e-mail duplicate rule acts.</summary>
public enum DuplicateRuleMode
{
    /// <summary>No duplicate rule.</summary>
    Off,

    /// <summary>An alert rule: saving a duplicate fails with DUPLICATES_DETECTED unless the request sends allowSave=true.</summary>
    Alert,

    /// <summary>A blocking rule: saving a duplicate always fails with DUPLICATES_DETECTED.</summary>
    Block,
}
