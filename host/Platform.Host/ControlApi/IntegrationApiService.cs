using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.Control.V1;
using Platform.Grains.Connectors;
using Platform.Grains.Events;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Registry;
using Platform.Host.Access;
using Platform.Host.Sync;
using Platform.PluginContract;
using Platform.Salesforce;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>The control API for integrations and their events.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed class IntegrationApiService(
    IGrainFactory grains,
    IConnectorRuntime connectors,
    SalesforceConnections connections,
    SecretSettings secrets,
    IPairStore pairs,
    SyncEventHub events) : IntegrationService.IntegrationServiceBase
{
    private const string ListName = "integrations";

    [Authorize(Policy = AccessPolicy.Admin)]
    public override Task<Integration> CreateIntegration(SaveIntegrationRequest request, ServerCallContext context) => SaveAsync(request, creating: true, context.CancellationToken);

    [Authorize(Policy = AccessPolicy.Admin)]
    public override Task<Integration> UpdateIntegration(SaveIntegrationRequest request, ServerCallContext context) => SaveAsync(request, creating: false, context.CancellationToken);

    [Authorize(Policy = AccessPolicy.Admin)]
    public override async Task<DeleteIntegrationResponse> DeleteIntegration(DeleteIntegrationRequest request, ServerCallContext context)
    {
        var grain = await ExistingAsync(request.Id);
        await grain.DeleteAsync();
        return new DeleteIntegrationResponse();
    }

    public override async Task<Integration> GetIntegration(GetIntegrationRequest request, ServerCallContext context) =>
        await LoadAsync(await ExistingAsync(request.Id));

    public override async Task<ListIntegrationsResponse> ListIntegrations(ListIntegrationsRequest request, ServerCallContext context)
    {
        var page = PageRequest.Parse(request.PageSize, request.PageToken, ListName);
        var ids = await grains.GetGrain<IRegistryGrain>(0).ListAsync(RegistryKind.Integration);
        var response = new ListIntegrationsResponse { NextPageToken = page.NextToken(ids.Count, ListName) };
        foreach (var id in ids.Skip(page.Offset).Take(page.Size))
        {
            var grain = grains.GetGrain<IIntegrationGrain>(id);
            if (await grain.GetAsync() is not null)
            {
                response.Integrations.Add(await LoadAsync(grain));
            }
        }

        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Integration> EnableIntegration(IntegrationRef request, ServerCallContext context) => await ChangeAsync(request.Id, g => g.SetEnabledAsync(true));

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Integration> DisableIntegration(IntegrationRef request, ServerCallContext context) => await ChangeAsync(request.Id, g => g.SetEnabledAsync(false));

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Integration> PauseIntegration(IntegrationRef request, ServerCallContext context) => await ChangeAsync(request.Id, g => g.SetPausedAsync(true));

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Integration> ResumeIntegration(IntegrationRef request, ServerCallContext context) => await ChangeAsync(request.Id, g => g.SetPausedAsync(false));

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<TestIntegrationResponse> TestIntegration(IntegrationRef request, ServerCallContext context)
    {
        var check = await (await ExistingAsync(request.Id)).TestAppAsync();
        var response = new TestIntegrationResponse { Succeeded = check.Problems.Count == 0, Resumed = check.Resumed };
        response.Problems.AddRange(check.Problems);
        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<Control.V1.CycleReport> SyncNow(IntegrationRef request, ServerCallContext context) =>
        IntegrationMapper.ToMessage(await (await ExistingAsync(request.Id)).SyncNowAsync());

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<PublishFilesResponse> PublishFiles(PublishFilesRequest request, ServerCallContext context)
    {
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        var entity = RequestValidation.Required("entity", request.Entity);
        if (connectors.Find(snapshot.Config.ConnectorId)?.Entities.Any(e => e.Name == entity) != true)
        {
            throw RequestValidation.Invalid("entity", $"connector '{snapshot.Config.ConnectorId}' has no entity '{entity}'.");
        }

        var appId = RequestValidation.Required("app_id", request.AppId);
        IReadOnlyList<FileOutcome>? outcomes;
        try
        {
            outcomes = await grains.GetGrain<IIntegrationGrain>(id).PublishFilesAsync(entity, appId);
        }
        catch (InvalidOperationException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
        }

        var response = new PublishFilesResponse();
        response.Files.AddRange((outcomes ?? throw RequestValidation.NotFound(entity, appId)).Select(o => new PublishedFile
        {
            FileId = o.FileId,
            FileName = o.FileName,
            State = o.State,
            SalesforceRecordId = o.SalesforceRecordId ?? "",
            ContentVersionId = o.ContentVersionId ?? "",
            FeedItemId = o.FeedItemId ?? "",
            Message = o.Message ?? "",
        }));
        return response;
    }

    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<Control.V1.SyncEvent> responseStream, ServerCallContext context)
    {
        var filter = string.IsNullOrEmpty(request.IntegrationId) ? null : RequestValidation.ResourceId("integration_id", request.IntegrationId);
        using var subscription = events.Subscribe(filter);
        try
        {
            // Headers now say "subscribed": a client that waits for them before starting a cycle misses none of its events.
            await context.WriteResponseHeadersAsync([]);
            await foreach (var e in subscription.ReadAllAsync(context.CancellationToken))
            {
                await responseStream.WriteAsync(new Control.V1.SyncEvent
                {
                    At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.At),
                    IntegrationId = e.IntegrationId,
                    Kind = Snake(e.Kind.ToString()),
                    Message = e.Message,
                    PairId = e.PairId ?? "",
                    Count = e.Count,
                    EntryId = e.EntryId ?? 0,
                }, context.CancellationToken);
            }
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The watcher went away.
        }
    }

    private async Task<Integration> SaveAsync(SaveIntegrationRequest request, bool creating, CancellationToken cancellationToken)
    {
        var id = RequestValidation.ResourceId("id", request.Id);
        var grain = grains.GetGrain<IIntegrationGrain>(id);
        var existing = await grain.GetAsync();
        if (creating && existing is not null)
        {
            throw new RpcException(new Status(StatusCode.AlreadyExists, $"Integration '{id}' already exists."));
        }

        if (!creating && existing is null)
        {
            throw RequestValidation.NotFound("Integration", id);
        }

        var instanceId = RequestValidation.ResourceId("instance_id", request.InstanceId);
        var instance = await grains.GetGrain<ISalesforceInstanceGrain>(instanceId).GetAsync()
            ?? throw RequestValidation.Invalid("instance_id", $"no instance '{instanceId}' exists.");
        var connectorId = RequestValidation.ConnectorId("connector_id", request.ConnectorId);
        var definition = connectors.Find(connectorId)
            ?? throw RequestValidation.Invalid("connector_id", $"no loaded connector has id '{connectorId}'.");
        foreach (var setting in definition.Settings.Where(s => s.Required && s.DefaultValue is null))
        {
            if (!request.Settings.ContainsKey(setting.Key) && existing?.Config.Settings.ContainsKey(setting.Key) != true)
            {
                throw RequestValidation.Invalid($"settings[{setting.Key}]", "is required by the connector.");
            }
        }

        foreach (var (key, value) in request.Settings)
        {
            var setting = definition.Settings.FirstOrDefault(s => s.Key == key)
                ?? throw RequestValidation.Invalid($"settings[{key}]", $"connector '{connectorId}' has no such setting.");
            if (!(setting.Secret && value == SecretSettings.Mask) && SettingValues.Problem(setting, value) is { } problem)
            {
                throw RequestValidation.Invalid($"settings[{key}]", setting.Secret ? $"{problem}." : $"{problem} (got '{value}').");
            }
        }

        var receiver = request.Receiver is { } receiverMessage ? ReceiverValidator.Parse(receiverMessage, definition, connectorId) : null;
        if (request.NoMappings && (request.Mappings.Count > 0 || receiver is null))
        {
            throw RequestValidation.Invalid("no_mappings", request.Mappings.Count > 0 ? "is set, but mappings are given." : "an integration without mappings must have a receiver.");
        }

        var settings = secrets.Protect(definition, request.Settings, existing?.Config.Settings);
        var mappings = request.NoMappings ? []
            : request.Mappings.Count > 0 ? request.Mappings.Select(IntegrationMapper.FromMessage).ToArray()
            : connectors.CreateDefaultMappings(new IntegrationConfig { Id = id, InstanceId = instanceId, ConnectorId = connectorId, Settings = settings }).Select(IntegrationMapper.FromSdk).ToArray();
        mappings = IntegrationMapper.InferReferences(mappings, definition);
        var interval = request.Schedule?.Interval?.ToTimeSpan() ?? (definition.ScheduleIntervals is [var offered, ..] ? offered : instance.SyncInterval);
        if (interval <= TimeSpan.Zero)
        {
            throw RequestValidation.Invalid("schedule.interval", "must be positive.");
        }

        if (definition.ScheduleIntervals.Count > 0 && !definition.ScheduleIntervals.Contains(interval))
        {
            throw RequestValidation.Invalid("schedule.interval", $"connector '{connectorId}' syncs at one of these intervals: {string.Join(", ", definition.ScheduleIntervals)} (got {interval}).");
        }

        var window = request.Schedule?.ActivityWindow?.ToTimeSpan();
        if (window <= TimeSpan.Zero)
        {
            throw RequestValidation.Invalid("schedule.activity_window", "must be positive when set.");
        }

        var config = new IntegrationConfig
        {
            Id = id,
            InstanceId = instanceId,
            ConnectorId = connectorId,
            DisplayName = string.IsNullOrEmpty(request.DisplayName) ? connectorId : request.DisplayName,
            Settings = settings,
            Mappings = mappings,
            Schedule = new SyncSchedule { Interval = interval, StartAt = request.Schedule?.StartAt?.ToDateTimeOffset(), ActivityWindow = window },
            Enabled = request.HasEnabled ? request.Enabled : existing?.Config.Enabled ?? true,
            Receiver = receiver,
        };
        if (connectors.ValidateSettings(config) is [var first, ..])
        {
            throw RequestValidation.Invalid($"settings[{first.Key}]", first.Message);
        }

        try
        {
            var salesforce = connections.Get(instance);
            var rules = connectors.CreateRules(config);
            await MappingValidator.ValidateAsync(mappings, definition, rules, salesforce, cancellationToken);
            if (receiver is not null)
            {
                await ReceiverValidator.CheckAsync(receiver, definition, rules, salesforce, cancellationToken);
            }

            await OrgBindingCheck.CheckAsync(config, definition, salesforce, grains, connections, cancellationToken);
        }
        catch (SalesforceException e)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Could not check the mappings against Salesforce instance '{instanceId}': {e.Message}"));
        }

        await grain.SaveAsync(config);
        return await LoadAsync(grain);
    }

    private async Task<Integration> ChangeAsync(string id, Func<IIntegrationGrain, Task> change)
    {
        var grain = await ExistingAsync(id);
        await change(grain);
        return await LoadAsync(grain);
    }

    private async Task<IIntegrationGrain> ExistingAsync(string id)
    {
        var (valid, _) = await grains.RequireIntegrationAsync("id", id);
        return grains.GetGrain<IIntegrationGrain>(valid);
    }

    private async Task<Integration> LoadAsync(IIntegrationGrain grain)
    {
        var snapshot = (await grain.GetAsync())!;
        return IntegrationMapper.ToMessage(snapshot, await grain.GetStatusAsync(), await pairs.CountAsync(snapshot.Config.Id));
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
