namespace Platform.Grains.Instances;

/// <summary>One Salesforce org connection, keyed by instance id.</summary>
public interface ISalesforceInstanceGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the configuration (bumping its version).</summary>
    Task<InstanceConfig> SaveAsync(InstanceConfig config);

    Task<InstanceConfig?> GetAsync();

    Task<InstanceStatus> GetStatusAsync();

    Task DeleteAsync();

    Task<ConnectionTestResult> TestConnectionAsync();

    /// <summary>Records what the latest Salesforce work found (called by integrations after each cycle).</summary>
    Task ReportAsync(InstanceStatus status);
}
