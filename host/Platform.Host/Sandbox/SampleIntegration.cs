using Platform.Control.V1;
using Platform.Emulators.Salesforce;

namespace Platform.Host.Sandbox;

/// <summary>Control-API requests that connect the Salesforce emulator and the sample app: sandbox mode's own setup, reused by end-to-end tests and benchmarks.</summary>
public static class SampleIntegration
{
    /// <summary>An instance for <paramref name="salesforce"/>, signing in with the emulator's own demo credentials.</summary>
    public static SaveInstanceRequest Instance(string id, SalesforceEmulator salesforce, double budgetShare = 1, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(salesforce);
        return Instance(id, salesforce.BaseUrl, salesforce.Options, budgetShare, name);
    }

    /// <summary>An instance for an emulator running elsewhere (its own process or container) at <paramref name="loginHost"/>.</summary>
    public static SaveInstanceRequest Instance(string id, Uri loginHost, SalesforceEmulatorOptions org, double budgetShare = 1, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(loginHost);
        ArgumentNullException.ThrowIfNull(org);
        return new SaveInstanceRequest
        {
            Id = id,
            Name = name ?? $"Emulated org {id}",
            LoginHost = loginHost.ToString(),
            Credentials = new Credentials { Password = new Credentials.Types.Password { ClientId = org.ClientId, ClientSecret = org.ClientSecret, Username = org.Username, Password_ = org.Password } },
            BudgetShare = budgetShare,
        };
    }

    /// <summary>The sample app's contacts ↔ Salesforce Contacts, both ways, matched by e-mail, four fields.</summary>
    public static ObjectMappingConfig Contacts(ConflictPolicy policy = ConflictPolicy.SalesforceIsMaster) => new()
    {
        Name = "contacts",
        Entity = "contact",
        SalesforceObject = "Contact",
        Direction = SyncDirection.Both,
        ConflictPolicy = policy,
        Match = new MatchRule { KeyFields = { new MatchKeyField { AppField = "email", SalesforceField = "Email" } } },
        Fields =
        {
            new FieldMappingConfig { AppField = "firstName", SalesforceField = "FirstName" },
            new FieldMappingConfig { AppField = "lastName", SalesforceField = "LastName" },
            new FieldMappingConfig { AppField = "email", SalesforceField = "Email" },
            new FieldMappingConfig { AppField = "title", SalesforceField = "Title" },
        },
    };
}
