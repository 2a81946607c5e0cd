using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

public sealed class SecretsTests
{
    [Fact]
    public async Task EndToEndRun_EveryLogAtTraceLevel_NoSecretItUsedAppearsInTheLogsOrTheAnswers()
    {
        var org = new SalesforceEmulatorOptions
        {
            DailyApiRequests = 1_000_000,
            ClientSecret = $"client-secret-{Guid.NewGuid():N}",
            Password = $"password-{Guid.NewGuid():N}",
        };
        await using var sync = await SyncFixture.StartHostProcessAsync(org,
        [
            "Logging:LogLevel:Default=Trace",
            "Logging:LogLevel:Microsoft.AspNetCore=Trace",
            "Logging:LogLevel:Orleans=Trace",
            "Logging:LogLevel:Polly=Trace",
            "Logging:LogLevel:Grpc=Trace",
            "Logging:LogLevel:System.Net.Http.HttpClient=Trace",
        ]);
        sync.App.RejectEmails.Add("bad@example.com");
        sync.App.Put("contact", null, ("lastName", "Lovelace"), ("email", "ada@example.com"));
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Refused", ["Email"] = "bad@example.com" });
        await sync.ConnectAsync(SampleIntegration.Contacts());
        await sync.SyncAsync();
        sync.Salesforce.Org.ExpireSessions();
        await sync.User.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = "Hopper", ["Email"] = "grace@example.com" });
        await sync.SyncAsync();
        await sync.Instances.CreateInstanceAsync(SampleIntegration.Instance("wrong-password", sync.Salesforce.BaseUrl, new SalesforceEmulatorOptions { ClientSecret = org.ClientSecret, Password = $"wrong-{org.Password}" }));
        var refused = await sync.Instances.TestConnectionAsync(new TestConnectionRequest { Id = "wrong-password" });
        var operatorKey = await sync.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "operator", Role = ApiKeyRole.Operator });
        using var asOperator = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", operatorKey.Secret);
        await new IntegrationService.IntegrationServiceClient(asOperator).SyncNowAsync(new IntegrationRef { Id = "contacts" });
        await Should.ThrowAsync<RpcException>(() => new IntegrationService.IntegrationServiceClient(ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", operatorKey.Secret + "x")).SyncNowAsync(new IntegrationRef { Id = "contacts" }).ResponseAsync);

        var answers = string.Join("\n",
            await sync.Instances.GetInstanceAsync(new GetInstanceRequest { Id = "emulated-org" }),
            await sync.Instances.ListInstancesAsync(new ListInstancesRequest()),
            refused,
            await sync.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = "contacts" }),
            await sync.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = "contacts" }),
            await sync.Keys.ListApiKeysAsync(new ListApiKeysRequest { IncludeInactive = true }),
            await sync.Keys.GetCallerKeyAsync(new GetCallerKeyRequest()));
        string[] secrets = [org.ClientSecret, org.Password, $"wrong-{org.Password}", "s3cret-key", sync.AdminKey, operatorKey.Secret, .. sync.Salesforce.Org.IssuedTokens];
        var logs = sync.HostOutput;

        refused.Succeeded.ShouldBeFalse();
        sync.Salesforce.Org.IssuedTokens.Count.ShouldBeGreaterThanOrEqualTo(3, "the host signed in twice (the first session expired) and the test's own user once");
        logs.ShouldContain("trce: ", customMessage: "the host logged at Trace level, so the scan covers everything it can log");
        foreach (var secret in secrets)
        {
            logs.ShouldNotContain(secret, customMessage: $"a secret ({secret[..6]}…) appears in the host's log");
            answers.ShouldNotContain(secret, customMessage: $"a secret ({secret[..6]}…) appears in a control-API answer");
        }
    }
}
