using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Platform.Control.V1;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

/// <summary>API keys over the real control API: their life (create, use, revoke, expire), their checks, and the first admin key.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task ApiKey_CreatedUsedAndRevoked_StoredOnlyAsAHashAndRefusedOnceRevoked()
    {
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);
        var admin = new ApiKeyService.ApiKeyServiceClient(host.Channel);

        var created = await admin.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "dashboards", Role = ApiKeyRole.Viewer });
        using var viewerChannel = ApiKeyChannel.ForAddress($"http://{host.Channel.Target}", created.Secret);
        var viewer = new ApiKeyService.ApiKeyServiceClient(viewerChannel);
        var whoami = await viewer.GetCallerKeyAsync(new GetCallerKeyRequest());
        var connectors = await new ConnectorService.ConnectorServiceClient(viewerChannel).ListConnectorsAsync(new ListConnectorsRequest());
        var revoked = await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = created.Key.Id });
        var revokedAgain = await admin.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = created.Key.Id });
        var refused = await Should.ThrowAsync<RpcException>(() => viewer.GetCallerKeyAsync(new GetCallerKeyRequest()).ResponseAsync);
        var active = await admin.ListApiKeysAsync(new ListApiKeysRequest());
        var all = await admin.ListApiKeysAsync(new ListApiKeysRequest { IncludeInactive = true });
        await host.DisposeAsync();
        var stored = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(Path.Combine(data.Path, "platform.db"), TestContext.Current.CancellationToken));

        created.Secret.ShouldStartWith($"plk_{created.Key.Id}_");
        created.Key.ShouldSatisfyAllConditions(k => k.Name.ShouldBe("dashboards"), k => k.Role.ShouldBe(ApiKeyRole.Viewer), k => k.CreatedBy.ShouldBe("configured"));
        (whoami.Id, whoami.Role).ShouldBe((created.Key.Id, ApiKeyRole.Viewer));
        connectors.Connectors.ShouldNotBeEmpty();
        (revoked.RevokedBy, revokedAgain.RevokedAt).ShouldBe(("configured", revoked.RevokedAt));
        (refused.StatusCode, refused.Status.Detail).ShouldBe((StatusCode.Unauthenticated, $"The API key 'dashboards' ({created.Key.Id}) was revoked."));
        active.Keys.ShouldBeEmpty();
        all.Keys.ShouldHaveSingleItem().Id.ShouldBe(created.Key.Id);
        stored.ShouldNotContain(created.Secret[(created.Key.Id.Length + 5)..], customMessage: "the key's secret is stored");
        stored.ShouldContain(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), customMessage: "the key's hash is what is stored");
        host.Logs.Entries.ShouldNotContain(e => e.Message.Contains(created.Secret) || e.Message.Contains(host.AdminKey));
    }

    [Fact]
    public async Task CreateAndRevoke_BadRequests_RefusedNamingTheFieldOrTheReason()
    {
        await using var sync = await SyncFixture.StartAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        var past = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1));

        (StatusCode, string) Refusal(RpcException e) => (e.StatusCode, e.Status.Detail);
        async Task<(StatusCode, string)> CreateAsync(CreateApiKeyRequest request) => Refusal(await Should.ThrowAsync<RpcException>(() => sync.Keys.CreateApiKeyAsync(request).ResponseAsync));
        async Task<(StatusCode, string)> RevokeAsync(string id) => Refusal(await Should.ThrowAsync<RpcException>(() => sync.Keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Id = id }).ResponseAsync));

        (await CreateAsync(new CreateApiKeyRequest { Role = ApiKeyRole.Viewer })).ShouldBe((StatusCode.InvalidArgument, "name: is required."));
        (await CreateAsync(new CreateApiKeyRequest { Name = new string('n', 101), Role = ApiKeyRole.Viewer })).ShouldBe((StatusCode.InvalidArgument, "name: must be at most 100 characters (got 101)."));
        (await CreateAsync(new CreateApiKeyRequest { Name = "x" })).ShouldBe((StatusCode.InvalidArgument, "role: is required: VIEWER, OPERATOR, ADMIN or APP."));
        (await CreateAsync(new CreateApiKeyRequest { Name = "x", Role = ApiKeyRole.App })).ShouldBe((StatusCode.InvalidArgument, "integration_id: is required."));
        (await CreateAsync(new CreateApiKeyRequest { Name = "x", Role = ApiKeyRole.App, IntegrationId = "nope" })).ShouldBe((StatusCode.NotFound, "Integration 'nope' was not found."));
        (await CreateAsync(new CreateApiKeyRequest { Name = "x", Role = ApiKeyRole.Operator, IntegrationId = "contacts" })).Item2.ShouldStartWith("integration_id: is only for APP keys");
        (await CreateAsync(new CreateApiKeyRequest { Name = "x", Role = ApiKeyRole.Viewer, ExpiresAt = past })).Item2.ShouldStartWith("expires_at: must be in the future");
        (await RevokeAsync("")).ShouldBe((StatusCode.InvalidArgument, "id: is required."));
        (await RevokeAsync("0123456789ab")).ShouldBe((StatusCode.NotFound, "API key '0123456789ab' was not found."));
        (await RevokeAsync("configured")).ShouldBe((StatusCode.FailedPrecondition, "Key 'configured' is the one making this call; revoke it with another admin key."));
        (await sync.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "app", Role = ApiKeyRole.App, IntegrationId = "contacts" })).Key.IntegrationId.ShouldBe("contacts");
    }

    [Fact]
    public async Task ApiKey_PastItsExpiry_RefusedSayingWhenItExpired()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        var expiresAt = DateTimeOffset.UtcNow.AddHours(1);
        var created = await sync.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "contractor", Role = ApiKeyRole.Operator, ExpiresAt = Timestamp.FromDateTimeOffset(expiresAt) });
        using var channel = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", created.Secret);
        var keys = new ApiKeyService.ApiKeyServiceClient(channel);

        var before = await keys.GetCallerKeyAsync(new GetCallerKeyRequest());
        sync.AdvanceClocks(TimeSpan.FromHours(2));
        var after = await Should.ThrowAsync<RpcException>(() => keys.GetCallerKeyAsync(new GetCallerKeyRequest()).ResponseAsync);

        before.ExpiresAt.ToDateTimeOffset().ShouldBe(expiresAt, TimeSpan.FromMilliseconds(1));
        after.StatusCode.ShouldBe(StatusCode.Unauthenticated);
        after.Status.Detail.ShouldStartWith($"The API key 'contractor' ({created.Key.Id}) expired at ");
    }

    [Fact]
    public async Task ListApiKeys_KeyUsedThenUsedAgainLater_ShowsTheLatestUseAndNoneForAnUnusedKey()
    {
        await using var sync = await SyncFixture.StartWithClockAsync();
        var used = await sync.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "dashboards", Role = ApiKeyRole.Viewer });
        await sync.Keys.CreateApiKeyAsync(new CreateApiKeyRequest { Name = "spare", Role = ApiKeyRole.Viewer });
        using var channel = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", used.Secret);
        var viewer = new ConnectorService.ConnectorServiceClient(channel);

        await viewer.ListConnectorsAsync(new ListConnectorsRequest());
        var first = (await sync.Keys.ListApiKeysAsync(new ListApiKeysRequest())).Keys.ToDictionary(k => k.Name);
        sync.AdvanceClocks(TimeSpan.FromHours(3));
        var secondUseAfter = DateTimeOffset.UtcNow.AddHours(3);
        await viewer.ListConnectorsAsync(new ListConnectorsRequest());
        var second = (await sync.Keys.ListApiKeysAsync(new ListApiKeysRequest())).Keys.ToDictionary(k => k.Name);

        used.Key.LastUsedAt.ShouldBeNull("a new key was never used");
        first["dashboards"].LastUsedAt.ShouldNotBeNull();
        first["spare"].LastUsedAt.ShouldBeNull();
        second["dashboards"].LastUsedAt.ToDateTimeOffset().ShouldBeGreaterThanOrEqualTo(secondUseAfter.AddSeconds(-1), "the later use replaced the first");
        second["spare"].LastUsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task FirstStart_NoAdminKeyConfigured_WritesTheFirstAdminKeyToAFileOnlyItsOwnerReads()
    {
        using var data = new TempDirectory();
        var keyFile = Path.Combine(data.Path, "admin.key");
        string key;
        await using (var host = await RunningHost.StartAsync(data.Path, null, "Platform:Access:AdminKey=", "Logging:LogLevel:Platform.Host.Access=Information"))
        {
            key = (await File.ReadAllTextAsync(keyFile, TestContext.Current.CancellationToken)).Trim();
            using var channel = ApiKeyChannel.ForAddress($"http://{host.Channel.Target}", key);
            var whoami = await new ApiKeyService.ApiKeyServiceClient(channel).GetCallerKeyAsync(new GetCallerKeyRequest());

            (whoami.Name, whoami.Role, whoami.CreatedBy).ShouldBe(("first admin key", ApiKeyRole.Admin, ""));
            host.Logs.Entries.ShouldContain(e => e.Message.Contains(keyFile));
            host.Logs.Entries.ShouldNotContain(e => e.Message.Contains(key));
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        // Once a key exists, a restart creates none: the operator keeps the first one (or revokes it for their own).
        File.Delete(keyFile);
        await using (var restarted = await RunningHost.StartAsync(data.Path, null, "Platform:Access:AdminKey="))
        {
            using var channel = ApiKeyChannel.ForAddress($"http://{restarted.Channel.Target}", key);
            (await new ApiKeyService.ApiKeyServiceClient(channel).GetCallerKeyAsync(new GetCallerKeyRequest())).Role.ShouldBe(ApiKeyRole.Admin);
            File.Exists(keyFile).ShouldBeFalse();
        }
    }
}
