namespace Platform.Sdk.Testing;

/// <summary>
/// The conformance kit: proves a connector keeps the plugin contract before it is dropped into a deployment.
/// </summary>
/// <example><code>
/// [Fact]
/// public async Task Connector_KeepsThePluginContract()
/// {
///     await using var app = await MyAppFake.StartAsync();
///     var report = await ConnectorConformance.RunAsync(new ConformanceSubject
///     {
///         Plugin = new MyConnector(),
///         Settings = new Dictionary&lt;string, string&gt; { ["baseUrl"] = app.Url, ["apiKey"] = "test-key" },
///         Entities = [new ConformanceEntity { Name = "customer", Create = …, Update = … }],
///     });
///     report.ThrowIfFailed();
/// }
/// </code></example>
public static class ConnectorConformance
{
    /// <summary>
    /// Runs every check: the manifest and definition as the host reads them; the default mappings against the Salesforce
    /// emulator's describe; for each entity given, create, read, update and delete through the connector, the change feed
    /// (delivery, paging, resuming), writes delivered twice, and an app record created, updated and deleted in the org
    /// through the default mapping; how failures of the app are classified (refused
    /// credentials, outages, refused records, unreachable); cancellation; and that no secret setting reaches a log or an
    /// error message. Checks never stop at the first failure: the report has them all.
    /// </summary>
    /// <param name="subject">The connector and how to reach its app.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report; <see cref="ConformanceReport.ThrowIfFailed"/> turns failures into a test failure.</returns>
    public static async Task<ConformanceReport> RunAsync(ConformanceSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        await using var run = new ConformanceRun(subject);
        await run.RunAsync(cancellationToken);
        return new ConformanceReport { Results = run.Results };
    }
}
