using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.SampleApp;
using Platform.Host.Sandbox;
using Platform.Salesforce;
using Platform.Testing;

namespace Platform.Host.Tests.Deployment;

/// <summary>The container image and docker-compose stack as a user runs them: built from this checkout, started, used, taken down.</summary>
public sealed class ComposeSmokeTests
{
    private const int RecordsEachSide = 100;

    private static readonly string[] Services = ["postgres", "redis", "salesforce", "silo1", "silo2", "silo3"];

    [Fact]
    public async Task LoopbackStack_BuiltAndStarted_EveryServiceHealthyAndASyncThroughAnySiloMatchesBothSides()
    {
        if (await LoopbackComposeStack.UnavailableReasonAsync() is { } reason)
        {
            Assert.Skip(reason);
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await SampleApp.StartAsync();
        await using var stack = await LoopbackComposeStack.StartAsync();
        await Eventually.ThatAsync(
            async () => (await stack.HealthAsync(Services)).Values.All(h => h == "running/healthy"),
            TimeSpan.FromMinutes(3),
            async () => $"the stack never became healthy: {string.Join(", ", await stack.HealthAsync(Services))}\n{await stack.LogsAsync()}",
            cancellationToken);

        var org = new SalesforceEmulatorOptions();
        var user = new SalesforceClient(new HttpClient(), new SalesforceConnectionOptions
        {
            LoginUrl = LoopbackComposeStack.Salesforce,
            Credentials = new PasswordCredentials(org.ClientId, org.ClientSecret, org.Username, org.Password),
        });
        await user.CreateManyAsync("Contact", [.. Enumerable.Range(0, RecordsEachSide).Select(i => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?> { ["LastName"] = $"Org {i}", ["Email"] = $"sf{i}@example.com" })], cancellationToken: cancellationToken);
        for (var i = 0; i < RecordsEachSide; i++)
        {
            app.Put("contact", null, ("lastName", $"App {i}"), ("email", $"app{i}@example.com"));
        }

        // Each step through another silo: any silo serves the control API, whichever holds the grains.
        var silos = LoopbackComposeStack.Silos.Select(silo => ApiKeyChannel.ForAddress(silo, LoopbackComposeStack.AdminKey)).ToList();
        try
        {
            await new InstanceService.InstanceServiceClient(silos[0]).CreateInstanceAsync(SampleIntegration.Instance("compose-org", LoopbackComposeStack.Salesforce, org), cancellationToken: cancellationToken);
            await new IntegrationService.IntegrationServiceClient(silos[1]).CreateIntegrationAsync(new SaveIntegrationRequest
            {
                Id = "contacts",
                InstanceId = "compose-org",
                ConnectorId = "sample",
                Settings = { ["baseUrl"] = app.BaseUrl.ToString(), ["apiKey"] = "smoke-key" },
                Mappings = { SampleIntegration.Contacts() },
            }, cancellationToken: cancellationToken);
            var report = await new IntegrationService.IntegrationServiceClient(silos[2]).SyncNowAsync(new IntegrationRef { Id = "contacts" }, cancellationToken: cancellationToken);

            var emails = new List<string?>();
            await foreach (var record in user.ReadAsync(new Soql("SELECT Id, Email FROM Contact"), cancellationToken: cancellationToken))
            {
                emails.Add((string?)record.Values["Email"]);
            }

            var appEmails = app.Ids("contact").Select(id => app.Values("contact", id)!["email"]).ToList();
            emails.Count.ShouldBe(2 * RecordsEachSide, $"Salesforce after the sync (report: {report})");
            emails.Order().ShouldBe(appEmails.Order(), "both sides hold the same contacts");
            var status = await new IntegrationService.IntegrationServiceClient(silos[0]).GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" }, cancellationToken: cancellationToken);
            status.Status.Silo.ShouldStartWith("S127.0.0.1:1111");
        }
        finally
        {
            silos.ForEach(s => s.Dispose());
        }
    }
}
