using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Connectors;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Lookups;
using Platform.Host.Access;
using Platform.Salesforce;
using Platform.Sdk;
using UserConnection = Platform.Grains.Lookups.UserConnection;

namespace Platform.Host.ControlApi;

/// <summary>
/// The control API for record lookups: searches run as the integration's connection or as the app user's own Salesforce
/// account, as the connector's <see cref="Sdk.LookupPolicy"/> says; users connect their account through the web-server flow.
/// </summary>
[Authorize(Policy = AccessPolicy.ViewerOrApp)]
internal sealed partial class LookupApiService(
    IGrainFactory grains,
    IConnectorRuntime connectors,
    SalesforceConnections connections,
    TimeProvider time,
    ILogger<LookupApiService> logger) : LookupService.LookupServiceBase
{
    private const string IntegrationAccount = "integration";
    private static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(10);

    public override async Task<Control.V1.LookupPolicy> GetLookupPolicy(GetLookupPolicyRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (_, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var policy = Policy(snapshot);
        var message = new Control.V1.LookupPolicy
        {
            Allowed = policy.RefusalReason is null,
            DefaultObjectType = policy.RefusalReason is null ? DefaultType(policy) : "",
            Account = policy.Account == LookupAccount.User ? "user" : IntegrationAccount,
            RefusalReason = policy.RefusalReason ?? "",
        };
        message.ObjectTypes.AddRange(policy.ObjectTypes);
        return message;
    }

    [Authorize(Policy = AccessPolicy.OperatorOrApp)]
    public override async Task<SearchRecordsResponse> SearchRecords(SearchRecordsRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var policy = Allowed(Policy(snapshot));
        var type = string.IsNullOrEmpty(request.ObjectType) ? DefaultType(policy)
            : policy.ObjectTypes.FirstOrDefault(t => string.Equals(t, request.ObjectType, StringComparison.OrdinalIgnoreCase))
              ?? throw RequestValidation.Invalid("object_type", $"'{request.ObjectType}' may not be looked up on this integration; allowed: {string.Join(", ", policy.ObjectTypes)}.");
        var text = request.Text.Trim();
        if (text.Length is < 2 or > 100 || text.Any(char.IsControl))
        {
            throw RequestValidation.Invalid("text", "must be 2 to 100 characters, without control characters.");
        }

        var size = request.PageSize == 0 ? 25 : request.PageSize;
        if (size is < 1 or > 200)
        {
            throw RequestValidation.Invalid("page_size", $"must be between 1 and 200 (got {request.PageSize}).");
        }

        if (!snapshot.Config.Enabled)
        {
            throw Precondition($"Integration '{id}' is disabled; enable it to look up Salesforce records.");
        }

        var instance = await InstanceAsync(snapshot);
        SalesforceClient client;
        string searchedAs;
        if (policy.Account == LookupAccount.User)
        {
            searchedAs = UserId(request.UserId);
            var connection = await grains.GetGrain<IUserConnectionsGrain>(id).GetAsync(searchedAs)
                ?? throw Precondition($"User '{searchedAs}' has not connected a Salesforce account; lookups on this integration run as each user's own account (BeginUserConnection).");
            client = connections.ForUser(instance, searchedAs, connection.ProtectedRefreshToken);
        }
        else
        {
            searchedAs = IntegrationAccount;
            client = connections.Get(instance);
        }

        IReadOnlyList<Grains.Lookups.FoundRecord> found;
        try
        {
            found = await RecordSearch.SearchAsync(client, type, text, size, context.CancellationToken);
        }
        catch (SalesforceAuthenticationException e)
        {
            throw Precondition(searchedAs == IntegrationAccount
                ? $"Salesforce refused instance '{instance.Id}''s credentials ({e.Error}); fix them and test the connection."
                : $"Salesforce refused user '{searchedAs}''s connection ({e.Error}); they must connect their account again.");
        }
        catch (SalesforceException e) when (e.StatusCode == 404 || e.ErrorCode is "INVALID_TYPE" or "INSUFFICIENT_ACCESS")
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The Salesforce account of {(searchedAs == IntegrationAccount ? $"instance '{instance.Id}'" : $"user '{searchedAs}'")} may not read {type} records."));
        }
        catch (SalesforceException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, $"Salesforce could not run the lookup: {e.Message}"));
        }

        var response = new SearchRecordsResponse { ObjectType = type, SearchedAs = searchedAs };
        response.Records.AddRange(found.Select(r => new Control.V1.FoundRecord { Id = r.Id, Name = r.Name }));
        return response;
    }

    [Authorize(Policy = AccessPolicy.OperatorOrApp)]
    public override async Task<BeginUserConnectionResponse> BeginUserConnection(BeginUserConnectionRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        RequireUserMode(Allowed(Policy(snapshot)), id);
        var userId = UserId(request.UserId);
        var redirect = RedirectUri(request.RedirectUri);
        var instance = await InstanceAsync(snapshot);
        var now = time.GetUtcNow();
        var consent = await grains.GetGrain<IUserConnectionsGrain>(id).BeginAsync(userId, redirect.ToString(), now, ConsentLifetime);
        return new BeginUserConnectionResponse
        {
            AuthorizeUrl = SalesforceConnections.AuthorizeUrl(instance, redirect, consent).ToString(),
            State = consent,
            ExpiresAt = Timestamp.FromDateTimeOffset(now + ConsentLifetime),
        };
    }

    [Authorize(Policy = AccessPolicy.OperatorOrApp)]
    public override async Task<Control.V1.UserConnection> CompleteUserConnection(CompleteUserConnectionRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        RequireUserMode(Allowed(Policy(snapshot)), id);
        var consent = RequestValidation.Required("state", request.State);
        var code = RequestValidation.Required("code", request.Code);
        var store = grains.GetGrain<IUserConnectionsGrain>(id);
        var pending = await store.TakeAsync(consent, time.GetUtcNow())
            ?? throw RequestValidation.Invalid("state", "is unknown, already used or expired; start again with BeginUserConnection.");
        var instance = await InstanceAsync(snapshot);
        var cancellationToken = context.CancellationToken;
        SalesforceSession session;
        string orgId;
        try
        {
            session = await connections.ExchangeCodeAsync(instance, code, new Uri(pending.RedirectUri), cancellationToken);
            orgId = (await connections.Get(instance).ConnectAsync(cancellationToken)).OrgId;
        }
        catch (SalesforceException e)
        {
            throw Precondition($"Salesforce refused to connect user '{pending.UserId}': {e.Message}");
        }

        if (session.RefreshToken is not { } refreshToken)
        {
            throw Precondition($"Salesforce issued no refresh token for user '{pending.UserId}'; the connected app '{instance.ClientId}' needs the refresh_token scope.");
        }

        var protectedToken = connections.ProtectToken(refreshToken);
        var connection = new UserConnection
        {
            UserId = pending.UserId,
            SalesforceUserId = session.UserId,
            SalesforceUsername = "",
            ProtectedRefreshToken = protectedToken,
            ConnectedAt = time.GetUtcNow(),
        };
        if (session.OrgId != orgId)
        {
            await connections.RevokeUserAsync(instance, connection.UserId, connection.ProtectedRefreshToken, cancellationToken);
            throw Precondition($"User '{pending.UserId}' signed in to org {session.OrgId}, but instance '{instance.Id}' is org {orgId}; they must sign in to that org.");
        }

        try
        {
            var user = await connections.ForUser(instance, pending.UserId, protectedToken).GetAsync("User", session.UserId, ["Username"], cancellationToken);
            connection = connection with { SalesforceUsername = user?.Values.GetValueOrDefault("Username") as string ?? "" };
        }
        catch (SalesforceException e)
        {
            LogUsernameUnread(logger, id, pending.UserId, e.Message);
        }

        if (await store.SaveAsync(connection) is { } replaced)
        {
            await connections.RevokeUserAsync(instance, replaced.UserId, replaced.ProtectedRefreshToken, cancellationToken);
        }

        LogConnected(logger, id, connection.UserId, connection.SalesforceUserId);
        return ToMessage(connection);
    }

    public override async Task<ListUserConnectionsResponse> ListUserConnections(ListUserConnectionsRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, _) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var response = new ListUserConnectionsResponse();
        response.Connections.AddRange((await grains.GetGrain<IUserConnectionsGrain>(id).ListAsync()).Select(ToMessage));
        return response;
    }

    [Authorize(Policy = AccessPolicy.OperatorOrApp)]
    public override async Task<DisconnectUserResponse> DisconnectUser(DisconnectUserRequest request, ServerCallContext context)
    {
        context.RequireIntegration(request.IntegrationId);
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var userId = UserId(request.UserId);
        var removed = await grains.GetGrain<IUserConnectionsGrain>(id).RemoveAsync(userId) ?? throw RequestValidation.NotFound("User connection", userId);
        await connections.RevokeUserAsync(await InstanceAsync(snapshot), userId, removed.ProtectedRefreshToken, context.CancellationToken);
        LogDisconnected(logger, id, userId);
        return new DisconnectUserResponse();
    }

    private Sdk.LookupPolicy Policy(IntegrationSnapshot snapshot)
    {
        try
        {
            return connectors.Get(snapshot.Config, snapshot.Version).Rules.Lookup;
        }
        catch (InvalidOperationException e)
        {
            throw Precondition(e.Message);
        }
    }

    private static Sdk.LookupPolicy Allowed(Sdk.LookupPolicy policy) =>
        policy.RefusalReason is { } reason || policy.ObjectTypes.Count == 0 ? throw Precondition(policy.RefusalReason ?? "The connector allows no object types for lookups.") : policy;

    private static string DefaultType(Sdk.LookupPolicy policy) =>
        policy.DefaultObjectType is { } preferred && policy.ObjectTypes.Contains(preferred, StringComparer.Ordinal) ? preferred : policy.ObjectTypes.Count > 0 ? policy.ObjectTypes[0] : "";

    private static void RequireUserMode(Sdk.LookupPolicy policy, string integrationId)
    {
        if (policy.Account != LookupAccount.User)
        {
            throw Precondition($"Lookups on integration '{integrationId}' run as the integration's connection; users do not connect their own accounts.");
        }
    }

    private async Task<InstanceConfig> InstanceAsync(IntegrationSnapshot snapshot) =>
        await grains.GetGrain<ISalesforceInstanceGrain>(snapshot.Config.InstanceId).GetAsync()
        ?? throw Precondition($"Instance '{snapshot.Config.InstanceId}' no longer exists.");

    private static string UserId(string value)
    {
        var userId = RequestValidation.Required("user_id", value);
        return userId.Length > 255 || userId.Any(char.IsControl)
            ? throw RequestValidation.Invalid("user_id", "must be at most 255 characters, without control characters.")
            : userId;
    }

    private static Uri RedirectUri(string value)
    {
        if (!Uri.TryCreate(RequestValidation.Required("redirect_uri", value), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || (uri.Scheme == "http" && !uri.IsLoopback))
        {
            throw RequestValidation.Invalid("redirect_uri", $"must be an absolute https URL (http only on loopback) (got '{value}').");
        }

        return uri;
    }

    private static RpcException Precondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    private static Control.V1.UserConnection ToMessage(UserConnection connection) => new()
    {
        UserId = connection.UserId,
        SalesforceUserId = connection.SalesforceUserId,
        SalesforceUsername = connection.SalesforceUsername,
        ConnectedAt = Timestamp.FromDateTimeOffset(connection.ConnectedAt),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId}: user {UserId} connected Salesforce user {SalesforceUserId} for lookups")]
    private static partial void LogConnected(ILogger logger, string integrationId, string userId, string salesforceUserId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId}: user {UserId} disconnected")]
    private static partial void LogDisconnected(ILogger logger, string integrationId, string userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {IntegrationId}: could not read the Salesforce username of user {UserId}: {Reason}")]
    private static partial void LogUsernameUnread(ILogger logger, string integrationId, string userId, string reason);
}
