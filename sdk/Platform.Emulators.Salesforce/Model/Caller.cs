using Platform.Emulators.Salesforce.Auth;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>Who makes a request and with which options: the user, the Sforce-Call-Options client, duplicate-rule header.</summary>
public sealed record Caller(UserAccount User, string? Client, bool AllowDuplicateSave = false, string ApiVersion = "66.0")
{
    /// <summary>Seeding and admin changes: acts as the given user with every permission, no client id.</summary>
    public static Caller System(UserAccount user) => new(user with { Permissions = new UserPermissions() }, null);
}

/// <summary>The outcome of one record write: the saved row, or the errors that stopped it.</summary>
public sealed record SaveResult(RecordRow? Row, IReadOnlyList<SalesforceError> Errors, bool Created = false)
{
    public bool Succeeded => Errors.Count == 0;

    public static SaveResult Fail(params SalesforceError[] errors) => new(null, errors);
}
