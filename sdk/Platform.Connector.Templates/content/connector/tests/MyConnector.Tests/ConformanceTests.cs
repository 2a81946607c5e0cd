using Platform.Sdk.Testing;
using Xunit;

namespace MyConnector.Tests;

public sealed class ConformanceTests
{
    [Fact]
    public async Task Connector_AgainstTheFakeApp_KeepsThePluginContract()
    {
        await using var app = await FakeApp.StartAsync();

        var report = await ConnectorConformance.RunAsync(new ConformanceSubject
        {
            Plugin = new ConnectorPlugin(),
            Settings = new Dictionary<string, string> { ["baseUrl"] = app.Url.ToString(), ["apiKey"] = FakeApp.ApiKey },
            App = app,
            Entities =
            [
                new ConformanceEntity
                {
                    Name = "customer",
                    Create = new Dictionary<string, object?> { ["name"] = "Initech", ["website"] = "https://initech.example" },
                    Update = new Dictionary<string, object?> { ["phone"] = "+1 555 0100", ["status"] = "active" },
                },
            ],
        }, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(report.ToString());
        report.ThrowIfFailed();
    }
}
