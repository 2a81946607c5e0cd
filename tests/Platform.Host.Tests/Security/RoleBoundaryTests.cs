using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;
using Platform.Control.V1;
using Platform.Gateway.V1;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

/// <summary>
/// Every method of the control API and the app gateway, called over real gRPC with a key of each role: each call is
/// let through or refused exactly as this table says. The table is written here, apart from the attributes on the
/// services, so a method whose attribute changes (or a new method without an entry) fails this test.
/// </summary>
public sealed class RoleBoundaryTests
{
    private const string Integration = "contacts";

    private static readonly ServiceDescriptor[] Services =
    [
        ConnectorService.Descriptor, InstanceService.Descriptor, IntegrationService.Descriptor, PairService.Descriptor, EntryService.Descriptor,
        LookupService.Descriptor, MatchingService.Descriptor, ApiKeyService.Descriptor, AppGateway.Descriptor,
    ];

    /// <summary>The least role each method needs, and whether an app key (of the integration named) may call it.</summary>
    private static readonly Dictionary<string, (Role Least, bool App)> Table = new()
    {
        ["ConnectorService/ListConnectors"] = (Role.Viewer, false),
        ["ConnectorService/GetConnector"] = (Role.Viewer, false),
        ["InstanceService/CreateInstance"] = (Role.Admin, false),
        ["InstanceService/UpdateInstance"] = (Role.Admin, false),
        ["InstanceService/DeleteInstance"] = (Role.Admin, false),
        ["InstanceService/GetInstance"] = (Role.Viewer, false),
        ["InstanceService/ListInstances"] = (Role.Viewer, false),
        ["InstanceService/TestConnection"] = (Role.Operator, false),
        ["IntegrationService/CreateIntegration"] = (Role.Admin, false),
        ["IntegrationService/UpdateIntegration"] = (Role.Admin, false),
        ["IntegrationService/DeleteIntegration"] = (Role.Admin, false),
        ["IntegrationService/GetIntegration"] = (Role.Viewer, false),
        ["IntegrationService/ListIntegrations"] = (Role.Viewer, false),
        ["IntegrationService/EnableIntegration"] = (Role.Operator, false),
        ["IntegrationService/DisableIntegration"] = (Role.Operator, false),
        ["IntegrationService/PauseIntegration"] = (Role.Operator, false),
        ["IntegrationService/ResumeIntegration"] = (Role.Operator, false),
        ["IntegrationService/TestIntegration"] = (Role.Operator, false),
        ["IntegrationService/SyncNow"] = (Role.Operator, false),
        ["IntegrationService/WatchEvents"] = (Role.Viewer, false),
        ["IntegrationService/PublishFiles"] = (Role.Operator, false),
        ["PairService/ListPairs"] = (Role.Viewer, false),
        ["PairService/GetPair"] = (Role.Viewer, false),
        ["PairService/LinkPair"] = (Role.Operator, false),
        ["PairService/UnlinkPair"] = (Role.Operator, false),
        ["PairService/ExcludePair"] = (Role.Operator, false),
        ["PairService/TouchPair"] = (Role.Operator, false),
        ["PairService/QuerySyncLog"] = (Role.Viewer, false),
        ["PairService/ListRecords"] = (Role.Viewer, false),
        ["PairService/RetryWrite"] = (Role.Operator, false),
        ["EntryService/ListEntries"] = (Role.Viewer, false),
        ["EntryService/GetEntry"] = (Role.Viewer, false),
        ["EntryService/RetryEntry"] = (Role.Operator, false),
        ["LookupService/GetLookupPolicy"] = (Role.Viewer, true),
        ["LookupService/SearchRecords"] = (Role.Operator, true),
        ["LookupService/BeginUserConnection"] = (Role.Operator, true),
        ["LookupService/CompleteUserConnection"] = (Role.Operator, true),
        ["LookupService/ListUserConnections"] = (Role.Viewer, true),
        ["LookupService/DisconnectUser"] = (Role.Operator, true),
        ["MatchingService/BeginMatching"] = (Role.Operator, false),
        ["MatchingService/GetMatchingStatus"] = (Role.Viewer, false),
        ["MatchingService/ListMatches"] = (Role.Viewer, false),
        ["MatchingService/ResolveMatches"] = (Role.Operator, false),
        ["MatchingService/CompleteMatching"] = (Role.Operator, false),
        ["ApiKeyService/CreateApiKey"] = (Role.Admin, false),
        ["ApiKeyService/ListApiKeys"] = (Role.Admin, false),
        ["ApiKeyService/RevokeApiKey"] = (Role.Admin, false),
        ["ApiKeyService/GetCallerKey"] = (Role.Viewer, true),
        ["AppGateway/PushChanges"] = (Role.Admin, true),
        ["AppGateway/ReceiveWrites"] = (Role.Admin, true),
    };

    private enum Role
    {
        None,
        Viewer,
        Operator,
        Admin,
        App,
    }

    [Fact]
    public void Table_CoversEveryMethodOfEveryService() =>
        Services.SelectMany(s => s.Methods).Select(Name).Order().ShouldBe(Table.Keys.Order());

    [Fact]
    public async Task EveryMethod_EachRole_LetThroughOrRefusedAsTheTableSays()
    {
        await using var sync = await SyncFixture.StartAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        using var admin = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", sync.AdminKey);
        var callers = new Dictionary<Role, string?> { [Role.None] = null, [Role.Admin] = sync.AdminKey };
        foreach (var role in new[] { Role.Viewer, Role.Operator, Role.App })
        {
            callers[role] = (await new ApiKeyService.ApiKeyServiceClient(admin).CreateApiKeyAsync(new CreateApiKeyRequest
            {
                Name = $"{role} key",
                Role = Enum.Parse<ApiKeyRole>(role.ToString()),
                IntegrationId = role == Role.App ? Integration : "",
            })).Secret;
        }

        var mismatches = new List<string>();
        foreach (var (role, key) in callers)
        {
            using var channel = key is null ? GrpcChannel.ForAddress($"http://{sync.GrpcTarget}") : ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", key);
            foreach (var method in Services.SelectMany(s => s.Methods))
            {
                var (least, app) = Table[Name(method)];
                var allowed = role == Role.App ? app : role >= least;
                var status = await CallAsync(channel, method, Integration);
                var verdict = role == Role.None
                    ? status.StatusCode == StatusCode.Unauthenticated && status.Detail.Contains("needs an API key", StringComparison.Ordinal)
                    : allowed
                        ? status.StatusCode is not (StatusCode.Unauthenticated or StatusCode.PermissionDenied)
                        : status.StatusCode == StatusCode.PermissionDenied && status.Detail.Contains("may not call", StringComparison.Ordinal);
                if (!verdict)
                {
                    mismatches.Add($"{role} → {Name(method)}: {status.StatusCode} {status.Detail}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    [Fact]
    public async Task AppKey_AnotherIntegration_RefusedOnEveryMethodItMayUse()
    {
        await using var sync = await SyncFixture.StartAsync();
        await sync.ConnectAsync(SampleIntegration.Contacts());
        using var admin = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", sync.AdminKey);
        var key = await new ApiKeyService.ApiKeyServiceClient(admin).CreateApiKeyAsync(new CreateApiKeyRequest { Name = "app", Role = ApiKeyRole.App, IntegrationId = Integration });
        using var channel = ApiKeyChannel.ForAddress($"http://{sync.GrpcTarget}", key.Secret);

        var statuses = new Dictionary<string, Status>();
        foreach (var method in Services.SelectMany(s => s.Methods).Where(m => Table[Name(m)].App && m.InputType.FindFieldByName("integration_id") is not null || m.Name == "ReceiveWrites"))
        {
            statuses[Name(method)] = await CallAsync(channel, method, "someone-elses");
        }

        statuses.Keys.Count.ShouldBe(8);
        statuses.ShouldAllBe(s => s.Value.StatusCode == StatusCode.PermissionDenied && s.Value.Detail.Contains("belongs to integration 'contacts' and may not act on another integration"));
    }

    private static string Name(MethodDescriptor method) => $"{method.Service.Name}/{method.Name}";

    /// <summary>Calls <paramref name="method"/> with an empty request naming <paramref name="integrationId"/>, and returns how it ended.</summary>
    private static async Task<Status> CallAsync(GrpcChannel channel, MethodDescriptor method, string integrationId)
    {
        var request = method.InputType.Parser.ParseFrom(ByteString.Empty);
        method.InputType.FindFieldByName("integration_id")?.Accessor.SetValue(request, integrationId);
        var call = new Method<IMessage, IMessage>(
            method.IsClientStreaming ? (method.IsServerStreaming ? MethodType.DuplexStreaming : MethodType.ClientStreaming) : method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            method.Service.FullName,
            method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        var invoker = channel.CreateCallInvoker();

        // A stream a role may read stays open: a short deadline ends it, and DeadlineExceeded means it was let through.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(method.IsServerStreaming ? 1 : 30));
        try
        {
            switch (call.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(call, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                {
                    using var streaming = invoker.AsyncServerStreamingCall(call, null, options, request);
                    await streaming.ResponseStream.MoveNext();
                    break;
                }

                default:
                {
                    using var duplex = invoker.AsyncDuplexStreamingCall(call, null, options);
                    try
                    {
                        await duplex.RequestStream.WriteAsync(new AppMessage { Subscribe = new Subscribe { IntegrationId = integrationId } });
                        await duplex.RequestStream.CompleteAsync();
                    }
                    catch (RpcException)
                    {
                        // A refused call is answered before the request is read, so writing may fail; the answer follows.
                    }

                    await duplex.ResponseStream.MoveNext();
                    break;
                }
            }

            return Status.DefaultSuccess;
        }
        catch (RpcException e)
        {
            return e.Status;
        }
    }
}
