using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Registry;
using Platform.Host.Access;

namespace Platform.Host.ControlApi;

/// <summary>The control API for Salesforce instances.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed class InstanceApiService(IGrainFactory grains, ICredentialProtector protector) : InstanceService.InstanceServiceBase
{
    private const string ListName = "instances";

    [Authorize(Policy = AccessPolicy.Admin)]
    public override Task<Instance> CreateInstance(SaveInstanceRequest request, ServerCallContext context) => SaveAsync(request, creating: true);

    [Authorize(Policy = AccessPolicy.Admin)]
    public override Task<Instance> UpdateInstance(SaveInstanceRequest request, ServerCallContext context) => SaveAsync(request, creating: false);

    [Authorize(Policy = AccessPolicy.Admin)]
    public override async Task<DeleteInstanceResponse> DeleteInstance(DeleteInstanceRequest request, ServerCallContext context)
    {
        var id = RequestValidation.ResourceId("id", request.Id);
        var grain = grains.GetGrain<ISalesforceInstanceGrain>(id);
        _ = await grain.GetAsync() ?? throw RequestValidation.NotFound("Instance", id);
        foreach (var integrationId in await grains.GetGrain<IRegistryGrain>(0).ListAsync(RegistryKind.Integration))
        {
            if ((await grains.GetGrain<IIntegrationGrain>(integrationId).GetAsync())?.Config.InstanceId == id)
            {
                throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Instance '{id}' is used by integration '{integrationId}'; delete the integration first."));
            }
        }

        await grain.DeleteAsync();
        await grains.GetGrain<IRegistryGrain>(0).RemoveAsync(RegistryKind.Instance, id);
        return new DeleteInstanceResponse();
    }

    public override async Task<Instance> GetInstance(GetInstanceRequest request, ServerCallContext context)
    {
        var id = RequestValidation.ResourceId("id", request.Id);
        return await LoadAsync(id) ?? throw RequestValidation.NotFound("Instance", id);
    }

    public override async Task<ListInstancesResponse> ListInstances(ListInstancesRequest request, ServerCallContext context)
    {
        var page = PageRequest.Parse(request.PageSize, request.PageToken, ListName);
        var ids = await grains.GetGrain<IRegistryGrain>(0).ListAsync(RegistryKind.Instance);
        var response = new ListInstancesResponse { NextPageToken = page.NextToken(ids.Count, ListName) };
        foreach (var id in ids.Skip(page.Offset).Take(page.Size))
        {
            if (await LoadAsync(id) is { } instance)
            {
                response.Instances.Add(instance);
            }
        }

        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<TestConnectionResponse> TestConnection(TestConnectionRequest request, ServerCallContext context)
    {
        var id = RequestValidation.ResourceId("id", request.Id);
        var grain = grains.GetGrain<ISalesforceInstanceGrain>(id);
        _ = await grain.GetAsync() ?? throw RequestValidation.NotFound("Instance", id);
        var result = await grain.TestConnectionAsync();
        var response = new TestConnectionResponse
        {
            Succeeded = result.Succeeded,
            OrgId = result.OrgId ?? "",
            InstanceUrl = result.InstanceUrl ?? "",
            ApiUsed = result.ApiUsed ?? 0,
            ApiAllocated = result.ApiAllocated ?? 0,
        };
        response.Problems.AddRange(result.Problems);
        return response;
    }

    private async Task<Instance> SaveAsync(SaveInstanceRequest request, bool creating)
    {
        var id = RequestValidation.ResourceId("id", request.Id);
        var name = RequestValidation.Required("name", request.Name);
        var loginUrl = RequestValidation.LoginHost("login_host", request.LoginHost);
        var grain = grains.GetGrain<ISalesforceInstanceGrain>(id);
        var existing = await grain.GetAsync();
        if (creating && existing is not null)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Instance '{id}' already exists."));
        }

        if (!creating && existing is null)
        {
            throw RequestValidation.NotFound("Instance", id);
        }

        var (auth, clientId, username, secrets) = request.Credentials is { } credentials && credentials.KindCase != Credentials.KindOneofCase.None
            ? ReadCredentials(credentials, loginUrl)
            : existing is not null
                ? (existing.Auth, existing.ClientId, existing.Username, (InstanceSecrets?)null)
                : throw RequestValidation.Invalid("credentials", "are required when creating an instance.");
        var share = request.HasBudgetShare ? request.BudgetShare : existing?.BudgetShare ?? 0.5;
        if (share is <= 0 or > 1)
        {
            throw RequestValidation.Invalid("budget_share", $"must be more than 0 and at most 1 (got {share}).");
        }

        var interval = request.SyncInterval?.ToTimeSpan() ?? existing?.SyncInterval ?? TimeSpan.FromMinutes(1);
        if (interval <= TimeSpan.Zero)
        {
            throw RequestValidation.Invalid("sync_interval", "must be positive.");
        }

        var apiVersion = string.IsNullOrEmpty(request.ApiVersion) ? existing?.ApiVersion ?? "60.0" : request.ApiVersion;
        if (!System.Text.RegularExpressions.Regex.IsMatch(apiVersion, @"^\d{2}\.0$"))
        {
            throw RequestValidation.Invalid("api_version", $"must look like \"60.0\" (got '{apiVersion}').");
        }

        var saved = await grain.SaveAsync(new InstanceConfig
        {
            Id = id,
            Name = name,
            LoginUrl = loginUrl.ToString().TrimEnd('/'),
            Auth = auth,
            ClientId = clientId,
            Username = username,
            ProtectedSecrets = secrets is null ? existing!.ProtectedSecrets : protector.Protect(secrets),
            BusinessUnit = string.IsNullOrEmpty(request.BusinessUnit) ? null : request.BusinessUnit,
            SyncInterval = interval,
            Enabled = request.HasEnabled ? request.Enabled : existing?.Enabled ?? true,
            BudgetShare = share,
            ApiVersion = apiVersion,
        });
        await grains.GetGrain<IRegistryGrain>(0).AddAsync(RegistryKind.Instance, id);
        return ToMessage(saved, await grain.GetStatusAsync());
    }

    private static (AuthKind, string, string?, InstanceSecrets) ReadCredentials(Credentials credentials, Uri loginUrl) => credentials.KindCase switch
    {
        Credentials.KindOneofCase.JwtBearer => (AuthKind.JwtBearer,
            RequestValidation.Required("credentials.jwt_bearer.client_id", credentials.JwtBearer.ClientId),
            RequestValidation.Required("credentials.jwt_bearer.username", credentials.JwtBearer.Username),
            new InstanceSecrets { PrivateKeyPem = RequestValidation.Required("credentials.jwt_bearer.private_key_pem", credentials.JwtBearer.PrivateKeyPem) }),
        Credentials.KindOneofCase.ClientCredentials => (AuthKind.ClientCredentials,
            RequestValidation.Required("credentials.client_credentials.client_id", credentials.ClientCredentials.ClientId), null,
            new InstanceSecrets { ClientSecret = RequestValidation.Required("credentials.client_credentials.client_secret", credentials.ClientCredentials.ClientSecret) }),
        Credentials.KindOneofCase.RefreshToken => (AuthKind.RefreshToken,
            RequestValidation.Required("credentials.refresh_token.client_id", credentials.RefreshToken.ClientId), null,
            new InstanceSecrets { ClientSecret = credentials.RefreshToken.ClientSecret, RefreshToken = RequestValidation.Required("credentials.refresh_token.refresh_token", credentials.RefreshToken.RefreshToken_) }),
        _ when !loginUrl.IsLoopback => throw RequestValidation.Invalid("credentials.password", "username-password sign-in is only allowed against a local emulator (a loopback login host); use JWT bearer or client credentials."),
        _ => (AuthKind.Password,
            RequestValidation.Required("credentials.password.client_id", credentials.Password.ClientId),
            RequestValidation.Required("credentials.password.username", credentials.Password.Username),
            new InstanceSecrets { ClientSecret = credentials.Password.ClientSecret, Password = RequestValidation.Required("credentials.password.password", credentials.Password.Password_) }),
    };

    private async Task<Instance?> LoadAsync(string id)
    {
        var grain = grains.GetGrain<ISalesforceInstanceGrain>(id);
        return await grain.GetAsync() is { } config ? ToMessage(config, await grain.GetStatusAsync()) : null;
    }

    private static Instance ToMessage(InstanceConfig config, Grains.Instances.InstanceStatus status) => new()
    {
        Id = config.Id,
        Name = config.Name,
        LoginUrl = config.LoginUrl,
        Auth = config.Auth switch { AuthKind.JwtBearer => "jwt_bearer", AuthKind.ClientCredentials => "client_credentials", AuthKind.RefreshToken => "refresh_token", _ => "password" },
        ClientId = config.ClientId,
        Username = config.Username ?? "",
        BusinessUnit = config.BusinessUnit ?? "",
        SyncInterval = Duration.FromTimeSpan(config.SyncInterval),
        Enabled = config.Enabled,
        BudgetShare = config.BudgetShare,
        ApiVersion = config.ApiVersion,
        Status = new Control.V1.InstanceStatus
        {
            Connected = status.Connected,
            LastConnectedAt = Timestamps.From(status.LastConnectedAt),
            LastError = status.LastError ?? "",
            LastErrorAt = Timestamps.From(status.LastErrorAt),
            ApiUsed = status.ApiUsed ?? 0,
            ApiAllocated = status.ApiAllocated ?? 0,
            BudgetShare = config.BudgetShare,
            PausedReason = status.PausedReason ?? "",
        },
    };
}

internal static class Timestamps
{
    public static Timestamp? From(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;
}
