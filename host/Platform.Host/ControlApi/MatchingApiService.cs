using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using ObjectMappingConfig = Platform.Sync.ObjectMappingConfig;
using Platform.Control.V1;
using Platform.Grains.Instances;
using Platform.Grains.Integrations;
using Platform.Grains.Pairs;
using Platform.Host.Access;
using Platform.Sync;
using V1 = Platform.Control.V1;

namespace Platform.Host.ControlApi;

/// <summary>The control API's matching wizard: link, create or exclude the records found in both systems before syncing starts.</summary>
[Authorize(Policy = AccessPolicy.Viewer)]
internal sealed class MatchingApiService(IGrainFactory grains, IPairStore pairs, MappingRulesProvider rulesProvider, SalesforceConnections connections) : MatchingService.MatchingServiceBase
{
    private const string DoNotSyncNote = "Do not sync: decided in the matching wizard.";

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<MatchingStatus> BeginMatching(BeginMatchingRequest request, ServerCallContext context)
    {
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", request.IntegrationId);
        if (!snapshot.Config.Enabled)
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Integration '{id}' is disabled; enable it to match its records."));
        }

        ConflictPolicyKind? master = request.Master switch
        {
            V1.Side.App => ConflictPolicyKind.AppIsMaster,
            V1.Side.Salesforce => ConflictPolicyKind.SalesforceIsMaster,
            V1.Side.Unspecified => null,
            _ => throw RequestValidation.Invalid("master", "must be SIDE_APP or SIDE_SALESFORCE."),
        };
        await grains.GetGrain<IIntegrationGrain>(id).BeginMatchingAsync(master);
        return await StatusAsync(id, context.CancellationToken);
    }

    public override async Task<MatchingStatus> GetMatchingStatus(IntegrationRef request, ServerCallContext context)
    {
        var (id, _) = await grains.RequireIntegrationAsync("id", request.Id);
        return await StatusAsync(id, context.CancellationToken);
    }

    public override async Task<ListMatchesResponse> ListMatches(ListMatchesRequest request, ServerCallContext context)
    {
        var (id, snapshot) = await RequireMatchingAsync(request.IntegrationId);
        var mapping = Mapping(snapshot, request.Mapping);
        var page = PageRequest.Parse(request.PageSize, request.PageToken, $"matches/{id}/{mapping.Name}");
        var count = request.Suggestions == 0 ? 3 : request.Suggestions is >= 1 and <= 10 ? request.Suggestions : throw RequestValidation.Invalid("suggestions", $"must be between 1 and 10 (got {request.Suggestions}).");
        var board = await MatchingBoard.LoadAsync(pairs, rulesProvider, id, mapping.Name, context.CancellationToken);
        var (appName, salesforceName) = await NameFieldsAsync(snapshot.Config, mapping, context.CancellationToken);
        var choices = board.Choices.Select(c => new NamedRecord(c.SalesforceId!, c.SalesforceValues.GetValueOrDefault(salesforceName))).ToArray();
        var suggester = new MatchSuggester(choices);
        var values = board.Choices.ToDictionary(c => c.SalesforceId!, c => c.SalesforceValues, StringComparer.Ordinal);
        var response = new ListMatchesResponse
        {
            NextPageToken = page.NextToken(board.Undecided.Count, $"matches/{id}/{mapping.Name}"),
            AppNameField = appName,
            SalesforceNameField = salesforceName,
        };
        foreach (var state in board.Undecided.Skip(page.Offset).Take(page.Size))
        {
            var name = state.AppValues.GetValueOrDefault(appName);
            var candidate = new MatchCandidate { PairId = state.PairId, AppId = state.AppId, Name = name ?? "" };
            candidate.AppValues.Add(Text(state.AppValues));
            foreach (var suggestion in suggester.Suggest(name, count))
            {
                var message = new MatchSuggestion { SalesforceId = suggestion.Record.Id, Name = suggestion.Record.Name ?? "", Score = suggestion.Score };
                message.SalesforceValues.Add(Text(values[suggestion.Record.Id]));
                candidate.Suggestions.Add(message);
            }

            response.Candidates.Add(candidate);
        }

        response.Choices.AddRange(choices.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).Select(c => new SalesforceChoice { SalesforceId = c.Id, Name = c.Name ?? "" }));
        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<ResolveMatchesResponse> ResolveMatches(ResolveMatchesRequest request, ServerCallContext context)
    {
        var (id, snapshot) = await RequireMatchingAsync(request.IntegrationId);
        var mapping = Mapping(snapshot, request.Mapping).Name;
        if (request.Decisions.Count == 0)
        {
            throw RequestValidation.Invalid("decisions", "give at least one decision.");
        }

        for (var i = 0; i < request.Decisions.Count; i++)
        {
            var decision = request.Decisions[i];
            RequestValidation.Required($"decisions[{i}].app_id", decision.AppId);
            if (decision.Action == MatchAction.Unspecified || !Enum.IsDefined(decision.Action))
            {
                throw RequestValidation.Invalid($"decisions[{i}].action", "must be MATCH_ACTION_LINK, MATCH_ACTION_CREATE or MATCH_ACTION_DO_NOT_SYNC.");
            }

            if (decision.Action == MatchAction.Link)
            {
                RequestValidation.Required($"decisions[{i}].salesforce_id", decision.SalesforceId);
            }
            else if (decision.SalesforceId.Length > 0)
            {
                throw RequestValidation.Invalid($"decisions[{i}].salesforce_id", "is only for MATCH_ACTION_LINK.");
            }
        }

        var board = await MatchingBoard.LoadAsync(pairs, rulesProvider, id, mapping, context.CancellationToken);
        var undecided = board.Undecided.ToDictionary(s => s.AppId!, StringComparer.Ordinal);
        var choices = board.Choices.Select(c => c.SalesforceId!).ToHashSet(StringComparer.Ordinal);
        var results = new List<(MatchResult Result, string? PairId)>();
        var toSync = new List<string>();
        foreach (var decision in request.Decisions)
        {
            var result = new MatchResult { AppId = decision.AppId };
            results.Add((result, await ApplyAsync(id, mapping, decision, undecided, choices, result, toSync, context.CancellationToken)));
        }

        var integration = grains.GetGrain<IIntegrationGrain>(id);
        var report = toSync.Count == 0 ? new Grains.Integrations.CycleReport() : await integration.SyncRecordsAsync(mapping, toSync, []);
        var response = new ResolveMatchesResponse { Report = IntegrationMapper.ToMessage(report) };
        foreach (var (result, pairId) in results)
        {
            if (pairId is not null && await grains.GetGrain<IPairGrain>(PairKey.Of(id, mapping, pairId)).GetAsync() is { } state)
            {
                result.PairId = pairId;
                result.Status = PairApiService.ToMessage(state.Status);
                result.SalesforceId = state.SalesforceId ?? "";
            }

            response.Results.Add(result);
        }

        return response;
    }

    [Authorize(Policy = AccessPolicy.Operator)]
    public override async Task<CompleteMatchingResponse> CompleteMatching(CompleteMatchingRequest request, ServerCallContext context)
    {
        var (id, snapshot) = await RequireMatchingAsync(request.IntegrationId);
        if (!request.CreateUndecided)
        {
            foreach (var mapping in snapshot.Config.Mappings)
            {
                if (!MatchingBoard.Wizard(await rulesProvider.GetAsync(id, mapping.Name)))
                {
                    continue;
                }

                var board = await MatchingBoard.LoadAsync(pairs, rulesProvider, id, mapping.Name, context.CancellationToken);
                if (board.Undecided.Count > 0)
                {
                    throw new RpcException(new Status(StatusCode.FailedPrecondition,
                        $"Mapping '{mapping.Name}' has {board.Undecided.Count} undecided app records (first: {board.Undecided[0].AppId}); link, create or exclude them, or set create_undecided to create them in Salesforce."));
                }
            }
        }

        var report = await grains.GetGrain<IIntegrationGrain>(id).CompleteMatchingAsync();
        return new CompleteMatchingResponse { Status = await StatusAsync(id, context.CancellationToken), Report = IntegrationMapper.ToMessage(report) };
    }

    /// <returns>The pair the decision applied to, or null when it could not be applied (the result says why).</returns>
    private async Task<string?> ApplyAsync(string id, string mapping, MatchDecision decision, Dictionary<string, PairState> undecided, HashSet<string> choices, MatchResult result, List<string> toSync, CancellationToken cancellationToken)
    {
        if (!undecided.Remove(decision.AppId, out var state))
        {
            result.Error = $"App record {decision.AppId} is not undecided: it is linked, excluded, decided earlier in this request, unknown, or would not sync.";
            return null;
        }

        switch (decision.Action)
        {
            case MatchAction.Link when !choices.Remove(decision.SalesforceId):
                undecided[decision.AppId] = state;
                result.Error = $"Salesforce record {decision.SalesforceId} is not one that would sync and has no counterpart (linked already, not read yet, or outside the sync: flag it and refresh).";
                return null;
            case MatchAction.Link:
                try
                {
                    var pairId = await PairLinking.LinkAsync(grains, pairs, id, mapping, decision.AppId, decision.SalesforceId, cancellationToken);
                    toSync.Add(pairId);
                    result.Applied = true;
                    return pairId;
                }
                catch (RpcException e)
                {
                    result.Error = e.Status.Detail;
                    return null;
                }

            case MatchAction.Create:
                toSync.Add(state.PairId);
                result.Applied = true;
                return state.PairId;
            default:
                await grains.GetGrain<IPairGrain>(PairKey.Of(id, mapping, state.PairId)).ExcludeAsync(true, DoNotSyncNote);
                result.Applied = true;
                return state.PairId;
        }
    }

    private async Task<MatchingStatus> StatusAsync(string id, CancellationToken cancellationToken)
    {
        var integration = grains.GetGrain<IIntegrationGrain>(id);
        var snapshot = (await integration.GetAsync())!;
        var policies = snapshot.Config.Mappings.Select(m => m.ConflictPolicy).Distinct().ToArray();
        var status = new MatchingStatus
        {
            IntegrationId = id,
            Matching = (await integration.GetStatusAsync()).Matching,
            Master = policies switch
            {
                [ConflictPolicyKind.AppIsMaster] => V1.Side.App,
                [ConflictPolicyKind.SalesforceIsMaster] => V1.Side.Salesforce,
                _ => V1.Side.Unspecified,
            },
        };
        foreach (var mapping in snapshot.Config.Mappings)
        {
            var board = await MatchingBoard.LoadAsync(pairs, rulesProvider, id, mapping.Name, cancellationToken);
            status.Mappings.Add(new MappingProgress
            {
                Mapping = mapping.Name,
                Undecided = board.Undecided.Count,
                Linked = board.Linked,
                Excluded = board.Excluded,
                SalesforceUnmatched = board.Choices.Count,
            });
        }

        return status;
    }

    private async Task<(string Id, IntegrationSnapshot Snapshot)> RequireMatchingAsync(string integrationId)
    {
        var (id, snapshot) = await grains.RequireIntegrationAsync("integration_id", integrationId);
        return (await grains.GetGrain<IIntegrationGrain>(id).GetStatusAsync()).Matching
            ? (id, snapshot)
            : throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Integration '{id}' is not matching; BeginMatching starts it."));
    }

    private static ObjectMappingConfig Mapping(IntegrationSnapshot snapshot, string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return snapshot.Config.Mappings is [var only] ? only : throw RequestValidation.Invalid("mapping", "is required: the integration has several mappings.");
        }

        return snapshot.Config.Mappings.FirstOrDefault(m => m.Name == name) ?? throw RequestValidation.Invalid("mapping", $"the integration has no mapping '{name}'.");
    }

    /// <summary>The Salesforce object's name field (from describe) and the app field mapped to it; else the mapping's first field pair.</summary>
    private async Task<(string App, string Salesforce)> NameFieldsAsync(IntegrationConfig config, ObjectMappingConfig mapping, CancellationToken cancellationToken)
    {
        var instance = await grains.GetGrain<ISalesforceInstanceGrain>(config.InstanceId).GetAsync()
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"Instance '{config.InstanceId}' does not exist."));
        var describe = await connections.Get(instance).DescribeAsync(mapping.SalesforceObject, cancellationToken);
        var nameField = describe.FieldList.FirstOrDefault(f => f.NameField)?.Name;
        var field = mapping.Fields.FirstOrDefault(f => string.Equals(f.SalesforceField, nameField, StringComparison.OrdinalIgnoreCase)) ?? mapping.Fields[0];
        return (field.AppField, field.SalesforceField);
    }

    private static Dictionary<string, string> Text(Dictionary<string, string?> values) =>
        values.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!, StringComparer.Ordinal);
}
