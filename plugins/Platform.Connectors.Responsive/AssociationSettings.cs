using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// The association settings: whether users may associate projects with Salesforce records from within Responsive, with
/// which object types (the reporting object has a lookup to each), which type is offered first, and whose account the
/// record lookups run as.
/// </summary>
internal sealed record AssociationSettings(bool Allowed, IReadOnlyList<string> Objects, string DefaultObject, bool AdminAccount)
{
    /// <summary>The object types the reporting object can point at (<c>Opportunity__c</c>, <c>Account__c</c>).</summary>
    public static IReadOnlyList<string> AssociableObjects { get; } = ["Opportunity", "Account"];

    public static AssociationSettings From(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(
            Flag(context, ResponsiveSchema.AllowAssociationSetting),
            [.. (context.GetSetting(ResponsiveSchema.AssociationObjectsSetting) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            context.GetSetting(ResponsiveSchema.DefaultAssociationObjectSetting) ?? "",
            Flag(context, ResponsiveSchema.UseAdminAccountSetting));
    }

    /// <summary>Lookups follow the association settings: refused when association is not allowed.</summary>
    public LookupPolicy Lookup => Allowed
        ? new LookupPolicy { ObjectTypes = Objects, DefaultObjectType = DefaultObject, Account = AdminAccount ? LookupAccount.Integration : LookupAccount.User }
        : LookupPolicy.Refused($"Association with Salesforce records from within Responsive is not allowed on this instance ({ResponsiveSchema.AllowAssociationSetting} is off).");

    /// <summary>What stops these settings from being saved.</summary>
    public IEnumerable<SettingProblem> Problems()
    {
        foreach (var type in Objects.Where(t => !AssociableObjects.Contains(t, StringComparer.Ordinal)))
        {
            yield return new(ResponsiveSchema.AssociationObjectsSetting, $"'{type}' cannot be associated; the object types are {string.Join(" and ", AssociableObjects)}.");
        }

        if (Objects.Count == 0)
        {
            yield return new(ResponsiveSchema.AssociationObjectsSetting, $"needs at least one object type ({string.Join(", ", AssociableObjects)}).");
        }
        else if (!Objects.Contains(DefaultObject, StringComparer.Ordinal))
        {
            yield return new(ResponsiveSchema.DefaultAssociationObjectSetting, $"'{DefaultObject}' is not one of the object types for association ({string.Join(", ", Objects)}).");
        }

        if (AdminAccount && !Allowed)
        {
            yield return new(ResponsiveSchema.UseAdminAccountSetting, $"can be on only when association is allowed ({ResponsiveSchema.AllowAssociationSetting} is off).");
        }
    }

    private static bool Flag(ConnectorContext context, string key) => context.GetSetting(key) == "true";
}
