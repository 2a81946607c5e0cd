using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// Responsive (RFP software): projects published to Salesforce for reporting, projects created from Salesforce, and the
/// associated Opportunity's fields synced into every project associated with it, through the ext/v1 API.
/// </summary>
public sealed class ResponsiveConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ResponsiveSchema.Project, ResponsiveSchema.Intake],
        DefaultMappings = [ResponsiveSchema.ProjectReporting, ResponsiveSchema.IntakeReporting],
        Settings = ResponsiveSchema.Settings,
        AccountSetting = "apiBaseUrl",
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) => Client(context);

    /// <inheritdoc />
    public ConnectorRules CreateRules(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ResponsiveRules(AssociationSettings.From(context));
    }

    /// <inheritdoc />
    public IReadOnlyList<SettingProblem> ValidateSettings(ConnectorContext context) => [.. AssociationSettings.From(context).Problems()];

    internal static ResponsiveClient Client(ConnectorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.GetSetting("apiBaseUrl")!;
        var publishing = new PackagePublishing(
            bool.TryParse(context.GetSetting(ResponsiveSchema.AutoPublishPackagesSetting), out var auto) && auto,
            context.GetSetting(ResponsiveSchema.PackagePublishModeSetting) == "ChatterAndFiles");
        var api = new AppApi(context.HttpClient, new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), "rfpserver/ext/v1/"), "Responsive", $"Bearer {context.GetSetting("apiToken")}");
        return new ResponsiveClient(api, publishing, context.TimeProvider);
    }
}
