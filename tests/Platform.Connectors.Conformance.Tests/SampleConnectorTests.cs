using Platform.Emulators.SampleApp;
using Platform.Sdk.Testing;

namespace Platform.Connectors.Conformance.Tests;

public sealed class SampleConnectorTests
{
    [Fact]
    public async Task SampleConnector_AgainstTheSampleApp_PassesEveryCheck()
    {
        await using var app = await SampleApp.StartAsync();
        var subject = ShippedConnectors.Subject("Platform.Connectors.Sample", new Dictionary<string, string> { ["baseUrl"] = app.BaseUrl.ToString(), ["apiKey"] = "sample-secret-key" }) with
        {
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "contact",
                    Create = ShippedConnectors.Values(("firstName", "Ada"), ("lastName", "Lovelace"), ("email", "ada@example.com")),
                    Update = ShippedConnectors.Values(("title", "Analyst")),
                },
            ],
            App = new SampleAppSide(app),
        };

        var report = await ShippedConnectors.PassAsync(subject);

        report.ShouldHaveRun(ShippedConnectors.Checks("contact"));
        ShippedConnectors.LoadContextOf(subject.Plugin).ShouldBe("plugin:Platform.Connectors.Sample");
    }

    private sealed class SampleAppSide(SampleApp app) : IConformanceApp
    {
        public Task<string> AddAsync(string entity, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken) =>
            Task.FromResult(app.Put(entity, null, [.. values.Select(v => (v.Key, (string?)v.Value?.ToString()))]));
    }
}
