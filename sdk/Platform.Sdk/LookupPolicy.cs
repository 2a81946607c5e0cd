namespace Platform.Sdk;

/// <summary>
/// Whether the app's users may look up Salesforce records (to associate an app record with one, such as a project with
/// an Opportunity) through the host's lookup API, which object types they may look up, and whose Salesforce account the
/// lookups run as. A connector states it through <see cref="ConnectorRules.Lookup"/>.
/// </summary>
public sealed record LookupPolicy
{
    /// <summary>Lookups refused, with no reason beyond "the connector does not offer lookups". The default of every connector.</summary>
    public static LookupPolicy None { get; } = Refused("This connector does not look up Salesforce records.");

    /// <summary>The object types users may look up (API names, e.g. <c>Opportunity</c>). Empty when lookups are refused.</summary>
    public required IReadOnlyList<string> ObjectTypes { get; init; }

    /// <summary>The type a lookup uses when the caller names none. Default: <see langword="null"/> (the first of <see cref="ObjectTypes"/>).</summary>
    public string? DefaultObjectType { get; init; }

    /// <summary>Whose Salesforce account lookups run as. Default: <see cref="LookupAccount.Integration"/>.</summary>
    public LookupAccount Account { get; init; } = LookupAccount.Integration;

    /// <summary>Why lookups are refused; shown to the caller. <see langword="null"/> when they are allowed.</summary>
    public string? RefusalReason { get; init; }

    /// <summary>Lookups refused for the reason given.</summary>
    /// <param name="reason">Why, in one sentence an operator can act on (e.g. which setting to change).</param>
    /// <returns>The policy.</returns>
    public static LookupPolicy Refused(string reason) => new() { ObjectTypes = [], RefusalReason = reason };
}

/// <summary>Whose Salesforce account a lookup runs as, and so which records it can see.</summary>
public enum LookupAccount
{
    /// <summary>The integration's own connection (the instance's account, typically an administrator).</summary>
    Integration,

    /// <summary>The account each app user connected for themselves through the web-server (refresh-token) flow.</summary>
    User,
}
