using System.Text.Json;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// Everything an org starts with, as JSON (a seed file or <c>POST /__admin/seed</c>): settings, users, connected apps,
/// custom objects and fields, record types and records. A record may name itself with <c>"$ref": "acme"</c>; other
/// records then use <c>"@acme"</c> as the value of a reference field.
/// </summary>
public sealed record SeedDocument
{
    public OrgSeed? Org { get; init; }

    public IReadOnlyList<UserSeed> Users { get; init; } = [];

    public IReadOnlyList<ConnectedApp> ConnectedApps { get; init; } = [];

    public IReadOnlyList<CustomObjectSpec> Objects { get; init; } = [];

    /// <summary>Object name → custom fields to add to it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<CustomFieldSpec>> Fields { get; init; } = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>();

    public IReadOnlyList<RecordTypeSeed> RecordTypes { get; init; } = [];

    /// <summary>Object name → records, inserted in order (objects in the order given).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonElement>> Records { get; init; } = new Dictionary<string, IReadOnlyList<JsonElement>>();

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };
}

public sealed record OrgSeed
{
    public string? Name { get; init; }

    public bool? IsSandbox { get; init; }

    public int? DailyApiRequests { get; init; }

    public DuplicateRuleMode? DuplicateRule { get; init; }
}

public sealed record UserSeed
{
    public required string Username { get; init; }

    public required string Password { get; init; }

    public string? FirstName { get; init; }

    public string LastName { get; init; } = "User";

    public string? Email { get; init; }

    public UserPermissions Permissions { get; init; } = new();
}

public sealed record RecordTypeSeed
{
    public required string SobjectType { get; init; }

    public required string DeveloperName { get; init; }

    public string? Name { get; init; }

    /// <summary>Assigned to new records of the object that name no record type.</summary>
    public bool IsDefault { get; init; }
}
