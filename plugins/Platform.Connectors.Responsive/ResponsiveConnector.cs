using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>Responsive (RFP software): projects and intakes associated with Salesforce records, through the ext/v1 API.</summary>
public sealed class ResponsiveConnector : IConnectorPlugin
{
    /// <inheritdoc />
    public ConnectorDefinition Describe() => new()
    {
        Entities = [ResponsiveSchema.Project, ResponsiveSchema.Intake],
        DefaultMappings = [ResponsiveSchema.OpportunityToProject, ResponsiveSchema.ProjectReporting],
        Settings = ResponsiveSchema.Settings,
    };

    /// <inheritdoc />
    public IAppClient CreateClient(ConnectorContext context) =>
        throw new NotSupportedException("The Responsive app client is not available in this version of the connector.");
}
