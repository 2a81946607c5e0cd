using Microsoft.Extensions.Logging;
using Platform.Emulators.SampleApp;
using Platform.Sdk;
using Platform.Sdk.Testing;

namespace Platform.Connectors.Conformance.Tests;

/// <summary>The kit itself: a connector that breaks the contract in known ways fails exactly those checks, saying why.</summary>
public sealed class KitCatchesViolationsTests
{
    [Fact]
    public async Task Kit_ConnectorThatLeaksMisclassifiesAndOverfillsPages_FailsThoseChecksOnly()
    {
        await using var app = await SampleApp.StartAsync();
        var sample = ShippedConnectors.Subject("Platform.Connectors.Sample", new Dictionary<string, string> { ["baseUrl"] = app.BaseUrl.ToString(), ["apiKey"] = "leaked-secret-key" });
        var subject = sample with
        {
            Plugin = new BrokenConnector(sample.Plugin),
            Entities = [new ConformanceEntity { Name = "contact", Create = ShippedConnectors.Values(("lastName", "Lovelace")), Update = ShippedConnectors.Values(("title", "Analyst")) }],
        };

        var report = await ConnectorConformance.RunAsync(subject, TestContext.Current.CancellationToken);

        var failed = report.Results.Where(r => !r.Passed).ToDictionary(r => r.Check, r => r.Detail);
        failed.Keys.ShouldBe(["manifest", "feed/contact", "errors/unauthorized", "secrets"], ignoreOrder: true, report.ToString());
        failed["manifest"].ShouldContain("but the plugin is in Platform.Connectors.Conformance.Tests.dll");
        failed["feed/contact"].ShouldContain("a page asked for at most 2 changes held");
        failed["errors/unauthorized"].ShouldContain("failed as Permanent; it must be Unauthorized");
        failed["secrets"].ShouldContain("the value of secret setting apiKey appears");
        Should.Throw<ConformanceException>(report.ThrowIfFailed).Message.ShouldContain("FAIL secrets");
    }

    /// <summary>The sample connector with three faults: it logs its API key, reports refused credentials as permanent, and returns more changes than asked.</summary>
    public sealed class BrokenConnector(IConnectorPlugin inner) : IConnectorPlugin
    {
        private static readonly Action<ILogger, string?, Exception?> LogKey = LoggerMessage.Define<string?>(LogLevel.Information, new EventId(1), "Connecting with key {ApiKey}");

        public ConnectorDefinition Describe() => inner.Describe();

        public IAppClient CreateClient(ConnectorContext context)
        {
            LogKey(context.LoggerFactory.CreateLogger("Broken"), context.GetSetting("apiKey"), null);
            return new BrokenClient(inner.CreateClient(context));
        }

        private sealed class BrokenClient(IAppClient app) : IAppClient
        {
            public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
            {
                try
                {
                    return await app.GetChangesAsync(entity, cursor, maxCount + 1, cancellationToken);
                }
                catch (ConnectorException e) when (e.Error.Kind == ConnectorErrorKind.Unauthorized)
                {
                    throw new ConnectorException(e.Error with { Kind = ConnectorErrorKind.Permanent });
                }
            }

            public Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) => app.GetAsync(entity, id, cancellationToken);

            public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) => app.WriteAsync(entity, writes, cancellationToken);
        }
    }
}
