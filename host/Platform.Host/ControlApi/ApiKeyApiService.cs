using System.Security.Claims;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Access;
using Platform.Host.Access;
using ApiKeyMessage = Platform.Control.V1.ApiKey;
using ApiKeyRole = Platform.Grains.Access.ApiKeyRole;
using ApiKeyRoleMessage = Platform.Control.V1.ApiKeyRole;

namespace Platform.Host.ControlApi;

/// <summary>The control API for API keys: admins create, list and revoke them; any key may ask who it is.</summary>
[Authorize(Policy = AccessPolicy.AnyKey)]
internal sealed partial class ApiKeyApiService(IGrainFactory grains, ApiKeyDirectory directory, TimeProvider time, ILogger<ApiKeyApiService> logger)
    : ApiKeyService.ApiKeyServiceBase
{
    private const int MaxNameLength = 100;

    [Authorize(Policy = AccessPolicy.Admin)]
    public override async Task<CreatedApiKey> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var name = RequestValidation.Required("name", request.Name).Trim();
        if (name.Length > MaxNameLength)
        {
            throw RequestValidation.Invalid("name", $"must be at most {MaxNameLength} characters (got {name.Length}).");
        }

        var role = request.Role switch
        {
            ApiKeyRoleMessage.Viewer => ApiKeyRole.Viewer,
            ApiKeyRoleMessage.Operator => ApiKeyRole.Operator,
            ApiKeyRoleMessage.Admin => ApiKeyRole.Admin,
            ApiKeyRoleMessage.App => ApiKeyRole.App,
            _ => throw RequestValidation.Invalid("role", "is required: VIEWER, OPERATOR, ADMIN or APP."),
        };
        string? integrationId = null;
        if (role == ApiKeyRole.App)
        {
            (integrationId, _) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        }
        else if (request.IntegrationId.Length > 0)
        {
            throw RequestValidation.Invalid("integration_id", "is only for APP keys; the other roles act on every integration.");
        }

        var now = time.GetUtcNow();
        var expiresAt = request.ExpiresAt?.ToDateTimeOffset();
        if (expiresAt <= now)
        {
            throw RequestValidation.Invalid("expires_at", $"must be in the future (got {expiresAt:u}).");
        }

        var (id, text) = ApiKeyToken.Create();
        var key = new ApiKeyRecord
        {
            Id = id,
            Name = name,
            Role = role,
            IntegrationId = integrationId,
            SecretHash = ApiKeyToken.Hash(text),
            CreatedAt = now,
            CreatedBy = context.CallerKeyId(),
            ExpiresAt = expiresAt,
        };
        if (!await directory.AddAsync(key))
        {
            throw new RpcException(new Status(StatusCode.Aborted, "A key with the same id was created at the same moment; try again."));
        }

        LogCreated(logger, id, name, role, key.CreatedBy);
        return new CreatedApiKey { Key = ToMessage(key), Secret = text };
    }

    [Authorize(Policy = AccessPolicy.Admin)]
    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        var now = time.GetUtcNow();
        var response = new ListApiKeysResponse();
        response.Keys.AddRange((await directory.ListAsync())
            .Where(k => request.IncludeInactive || k.IsActive(now))
            .OrderByDescending(k => k.CreatedAt)
            .ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(ToMessage));
        return response;
    }

    [Authorize(Policy = AccessPolicy.Admin)]
    public override async Task<ApiKeyMessage> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var id = RequestValidation.Required("id", request.Id);
        var caller = context.CallerKeyId();
        if (id == caller)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Key '{id}' is the one making this call; revoke it with another admin key."));
        }

        var revoked = await directory.RevokeAsync(id, caller) ?? throw RequestValidation.NotFound("API key", id);
        LogRevoked(logger, id, revoked.Name, caller);
        return ToMessage(revoked);
    }

    public override async Task<ApiKeyMessage> GetCallerKey(GetCallerKeyRequest request, ServerCallContext context)
    {
        var id = context.CallerKeyId();
        if ((await directory.ListAsync()).FirstOrDefault(k => k.Id == id) is { } stored)
        {
            return ToMessage(stored);
        }

        // A key from configuration or the host's own: not stored, so described by what the call carries.
        var user = context.GetHttpContext().User;
        return new ApiKeyMessage { Id = id, Name = user.FindFirstValue(ClaimTypes.Name) ?? "", Role = ToMessage(AccessRoles.Of(user) ?? ApiKeyRole.Viewer) };
    }

    private static ApiKeyMessage ToMessage(ApiKeyRecord key) => new()
    {
        Id = key.Id,
        Name = key.Name,
        Role = ToMessage(key.Role),
        IntegrationId = key.IntegrationId ?? "",
        CreatedAt = Timestamps.From(key.CreatedAt),
        CreatedBy = key.CreatedBy ?? "",
        ExpiresAt = Timestamps.From(key.ExpiresAt),
        RevokedAt = Timestamps.From(key.RevokedAt),
        RevokedBy = key.RevokedBy ?? "",
        LastUsedAt = Timestamps.From(key.LastUsedAt),
    };

    private static ApiKeyRoleMessage ToMessage(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Viewer => ApiKeyRoleMessage.Viewer,
        ApiKeyRole.Operator => ApiKeyRoleMessage.Operator,
        ApiKeyRole.Admin => ApiKeyRoleMessage.Admin,
        _ => ApiKeyRoleMessage.App,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ('{Name}', {Role}) created by key {CreatedBy}")]
    private static partial void LogCreated(ILogger logger, string keyId, string name, ApiKeyRole role, string? createdBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "API key {KeyId} ('{Name}') revoked by key {RevokedBy}")]
    private static partial void LogRevoked(ILogger logger, string keyId, string name, string revokedBy);
}
