using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Platform.Control.V1;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Tests.Connectors;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Plugins;

/// <summary>
/// A third party's path, end to end: the SDK, the kit and the template packed from this checkout; a connector created
/// from the template in a folder outside the solution, restored from those packages, tested with the kit; its build
/// dropped into a host's plugins directory and loaded, with no host rebuild, then syncing both ways through the engine.
/// </summary>
public sealed class TemplateConnectorTests
{
    private static readonly string[] Packed = ["sdk/Platform.Sdk", "host/Platform.Salesforce", "sdk/Platform.Emulators.Salesforce", "sdk/Platform.Sdk.Testing", "sdk/Platform.Connector.Templates"];

    [Fact]
    public async Task Template_ConnectorCreatedOutsideTheSolution_PassesTheKitLoadsIntoAHostAsADropInAndSyncsBothWays()
    {
        using var work = new TempDirectory();
        var feed = Directory.CreateDirectory(Path.Combine(work.Path, "feed")).FullName;

        // A version of its own per run, so no package cached by an earlier run stands in for this checkout's.
        var version = $"1.0.0-ci.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000):000}";
        foreach (var project in Packed)
        {
            (await RunAsync("dotnet", ["pack", RepoPaths.Combine(project), "-o", feed, $"-p:Version={version}", "--nologo"], RepoPaths.Root)).ShouldSucceed($"dotnet pack {project}");
        }

        var hive = Path.Combine(work.Path, "hive");
        (await RunAsync("dotnet", ["new", "install", Path.Combine(feed, $"Platform.Connector.Templates.{version}.nupkg"), "--debug:custom-hive", hive], work.Path)).ShouldSucceed("dotnet new install");
        var connector = Path.Combine(work.Path, "Acme.Connectors.Crm");
        (await RunAsync("dotnet", ["new", "platform-connector", "-n", "Acme.Connectors.Crm", "--connectorId", "acmecrm", "--platformVersion", version, "-o", connector, "--debug:custom-hive", hive], work.Path)).ShouldSucceed("dotnet new platform-connector");
        await File.WriteAllTextAsync(Path.Combine(connector, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="platform" value="{feed}" />
              </packageSources>
            </configuration>
            """, TestContext.Current.CancellationToken);

        var kit = await RunAsync("dotnet", ["test", Path.Combine("tests", "Acme.Connectors.Crm.Tests")], connector);
        var plugins = Path.Combine(work.Path, "plugins");
        (await RunAsync("dotnet", ["publish", Path.Combine("src", "Acme.Connectors.Crm"), "-o", Path.Combine(plugins, "acmecrm"), "--nologo"], connector)).ShouldSucceed("dotnet publish");
        await using var host = await ConnectorTestHost.StartAsync(new SeedDocument(), sandbox: false, $"Platform:Plugins:AdditionalPaths:0={plugins}");
        var loaded = await new ConnectorService.ConnectorServiceClient(host.Channel).GetConnectorAsync(new GetConnectorRequest { Id = "acmecrm" });

        kit.ShouldSucceed("the template's conformance tests");
        File.Exists(Path.Combine(plugins, "acmecrm", "Platform.Sdk.dll")).ShouldBeFalse("the host supplies the SDK; a plugin must not carry its own");
        (loaded.Status, loaded.FailureReason, loaded.SdkVersion).ShouldBe((ConnectorStatus.Loaded, "", "1.0"));
        loaded.Entities.Select(e => e.Name).ShouldBe(["customer"]);
        loaded.Location.ShouldBe(Path.Combine(plugins, "acmecrm"));
        await SyncsBothWaysAsync(host);
    }

    /// <summary>The dropped-in connector runs in the engine with its default mapping: records flow both ways and edits follow.</summary>
    private static async Task SyncsBothWaysAsync(ConnectorTestHost host)
    {
        await using var app = await CustomersApp.StartAsync();
        var globex = app.Put(null, new JsonObject { ["name"] = "Globex", ["website"] = "https://globex.example" });
        var initech = await host.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Initech", ["Phone"] = "555-0100" });
        await host.Integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "acme",
            InstanceId = "org",
            ConnectorId = "acmecrm",
            Settings = { ["baseUrl"] = app.BaseUrl.ToString(), ["apiKey"] = CustomersApp.ApiKey },
            Schedule = new Schedule { Interval = Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) },
        });

        var first = await host.SyncAsync("acme");
        app.Put(globex, new JsonObject { ["phone"] = "555-0199" });
        var second = await host.SyncAsync("acme");

        (first.Skipped, first.WritesToSalesforce, first.WritesToApp).ShouldBe(("", 1, 1));
        var accounts = await host.ReadAsync(new Soql("SELECT Id, Name, Website, Phone FROM Account"));
        var created = accounts.Where(a => (string?)a.Values["Name"] == "Globex").ShouldHaveSingleItem();
        (created.Values["Website"], created.Values["Phone"]).ShouldBe(("https://globex.example", "555-0199"), "created, then the app's edit followed");
        app.Customers().Values.ShouldContain(c => (string?)c["name"] == "Initech" && (string?)c["phone"] == "555-0100");
        (second.WritesToSalesforce, second.WritesToApp).ShouldBe((1, 0), "nothing the engine wrote came back as an edit");
        accounts.Select(a => a.Id).ShouldContain(initech);
    }

    private static Task<ProcessResult> RunAsync(string fileName, string[] arguments, string directory) =>
        ExternalProcess.RunAsync(fileName, arguments, directory, TimeSpan.FromMinutes(5), new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
}

internal static class ProcessResultAssertions
{
    public static void ShouldSucceed(this ProcessResult result, string what) =>
        result.ExitCode.ShouldBe(0, $"{what} failed:\n{result.Output}\n{result.Error}");
}
