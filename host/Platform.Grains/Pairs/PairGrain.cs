using Orleans.Placement;
using System.Text.Json;
using Platform.Grains.Integrations;
using Platform.Sync;

namespace Platform.Grains.Pairs;

/// <inheritdoc cref="IPairGrain" />
/// <remarks>
/// State lives in the pair store (not Orleans grain storage) so it can be looked up by record id and match key. Every
/// mutating call saves before it returns, so a planned write is durable before anyone sends it. Placed beside its
/// caller (the integration grain) to keep the many small calls local, and collected quickly when idle: a node holds
/// millions of pairs but only the active ones in memory.
/// </remarks>
[PreferLocalPlacement]
[CollectionAgeLimit(Minutes = 2)]
public sealed class PairGrain(IPairStore store, MappingRulesProvider rulesProvider, TimeProvider time) : Grain, IPairGrain
{
    /// <summary>The sync log's error code for a pair held because its pairing key changed or was removed.</summary>
    public const string PairingKeyMismatch = "PAIRING_KEY_MISMATCH";

    /// <summary>The sync log's error code for a write answered with a record another pair holds.</summary>
    public const string RecordHeldElsewhere = "RECORD_HELD_BY_ANOTHER_PAIR";

    private PairState _state = null!;
    private string _key = "";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = this.GetPrimaryKeyString();
        var (integrationId, mapping, pairId) = PairKey.Parse(_key);
        _state = await store.GetAsync(integrationId, pairId, cancellationToken)
            ?? new PairState { IntegrationId = integrationId, Mapping = mapping, PairId = pairId };
    }

    public async Task<PairResult> ObserveAsync(IReadOnlyList<Observation> observations, PlanMode mode)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var observation in observations)
        {
            var held = observation.Side == Side.App ? _state.AppId : _state.SalesforceId;
            if (held is not null && held != observation.Id)
            {
                return new PairResult { Rejected = true };
            }
        }

        var rules = await RulesAsync();
        var before = _state.Status;
        var changed = false;
        foreach (var observation in observations)
        {
            changed |= PairEngine.Observe(_state, observation, rules);
        }

        return await PlanAndSaveAsync(rules, mode, before, changed);
    }

    public async Task<PairResult> PlanAsync(PlanMode mode) => await PlanAndSaveAsync(await RulesAsync(), mode, _state.Status, force: false);

    public async Task<IReadOnlyList<SyncLogEntry>> ConfirmAsync(IReadOnlyList<WriteOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var now = time.GetUtcNow();
        var log = new List<SyncLogEntry>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            if (PairEngine.Confirm(_state, outcome, now) is { } entry)
            {
                log.Add(Log(entry, now));
            }
        }

        if (log.Count > 0)
        {
            try
            {
                await SaveAsync();
            }
            catch (PairConflictException e) when (e.RecordIdTaken)
            {
                return await ConfirmHeldElsewhereAsync(outcomes, now);
            }
        }

        return log;
    }

    /// <summary>
    /// A write answered with a record another pair already holds (an app that matched an existing record, say): that
    /// write fails, with the cause, instead of the pair (and the cycle) failing to save.
    /// </summary>
    private async Task<IReadOnlyList<SyncLogEntry>> ConfirmHeldElsewhereAsync(IReadOnlyList<WriteOutcome> outcomes, DateTimeOffset now)
    {
        var (integrationId, mapping, pairId) = PairKey.Parse(_key);
        _state = await store.GetAsync(integrationId, pairId) ?? new PairState { IntegrationId = integrationId, Mapping = mapping, PairId = pairId };
        var log = new List<SyncLogEntry>(outcomes.Count);
        foreach (var outcome in outcomes)
        {
            var settled = outcome is { Succeeded: true, Id: { } id } && id != _state.AppId && id != _state.SalesforceId
                ? WriteOutcome.Failure(outcome.Sequence, $"The answer names record {id}, which another pair of mapping '{mapping}' already holds; link or exclude the records.", RecordHeldElsewhere, retryable: false)
                : outcome;
            if (PairEngine.Confirm(_state, settled, now) is { } entry)
            {
                log.Add(Log(entry, now));
            }
        }

        await SaveAsync();
        return log;
    }

    public async Task<PairResult> RecoverAsync()
    {
        var rules = await RulesAsync();
        var alreadyInReview = _state.Outbox.Where(e => e.State == OutboxState.NeedsReview).Select(e => e.Sequence).ToHashSet();
        var resend = PairEngine.Recover(_state, rules, time.GetUtcNow());
        await SaveAsync();
        return new PairResult
        {
            Writes = resend.Select(Planned).ToArray(),
            Log = _state.Outbox.Where(e => e.State == OutboxState.NeedsReview && !alreadyInReview.Contains(e.Sequence)).Select(e => Log(e, e.UpdatedAt)).ToArray(),
        };
    }

    public async Task<PairResult> ResendUnconfirmedCreatesAsync()
    {
        var resend = PairEngine.ResendUnconfirmedCreates(_state, await RulesAsync(), time.GetUtcNow());
        if (resend.Count == 0)
        {
            return PairResult.Empty;
        }

        await SaveAsync();
        return new PairResult { Writes = resend.Select(Planned).ToArray() };
    }

    public async Task<PairResult> RetryAsync(long sequence, IReadOnlyDictionary<string, string?>? corrections)
    {
        var retry = PairEngine.Retry(_state, sequence, corrections, time.GetUtcNow())
            ?? throw new InvalidOperationException($"Pair {_state.PairId} has no failed write #{sequence} to retry.");
        await SaveAsync();
        return new PairResult { Writes = [Planned(retry)] };
    }

    public Task<PairState?> GetAsync() => Task.FromResult(_state.Version == 0 ? null : _state);

    public async Task<PairState> ExcludeAsync(bool excluded, string? note)
    {
        if (excluded)
        {
            _state.Status = PairStatus.Excluded;
            _state.Note = note ?? "Excluded by an operator.";
        }
        else if (_state.Status == PairStatus.Excluded)
        {
            PairEngine.Reinstate(_state);
            _state.Note = null;
        }

        await SaveAsync();
        return _state;
    }

    public async Task<PairState> LinkAsync(string appId, string salesforceId)
    {
        _state.AppId = appId;
        _state.SalesforceId = salesforceId;
        _state.Status = PairStatus.Linked;
        _state.AppBase.Clear();
        _state.SalesforceBase.Clear();
        _state.AppDeleted = false;
        _state.SalesforceDeleted = false;
        _state.Note = "Linked by an operator.";
        _state.MatchUndecided = false;
        foreach (var entry in _state.Outbox.Where(e => e.State == OutboxState.NeedsReview))
        {
            entry.State = OutboxState.Ignored;
            entry.Reason = "resolved by linking";
        }

        await SaveAsync();
        return _state;
    }

    public async Task<PairState> UnlinkAsync()
    {
        _state.Status = PairStatus.Broken;
        _state.Note = $"Unlinked by an operator (was app {_state.AppId} ↔ Salesforce {_state.SalesforceId}).";
        _state.AppId = null;
        _state.SalesforceId = null;
        await SaveAsync();
        return _state;
    }

    public async Task ReleaseAsync()
    {
        if (_state.AppId is not null && _state.SalesforceId is not null)
        {
            throw new InvalidOperationException($"Pair {_state.PairId} links two records; unlink it instead.");
        }

        await store.DeleteAsync(_state.IntegrationId, _state.PairId);
        var (integrationId, mapping, pairId) = PairKey.Parse(_key);
        _state = new PairState { IntegrationId = integrationId, Mapping = mapping, PairId = pairId };
        DeactivateOnIdle();
    }

    public async Task TouchAsync(DateTimeOffset at)
    {
        if (_state.TouchedAt >= at)
        {
            return;
        }

        _state.TouchedAt = at;
        if (_state.Version > 0)
        {
            // A pair not stored yet keeps the touch in memory; its first observation saves both.
            await SaveAsync();
        }
    }

    private async Task<PairResult> PlanAndSaveAsync(MappingRules rules, PlanMode mode, PairStatus before, bool force)
    {
        var now = time.GetUtcNow();
        var conflictsBefore = _state.Conflicts.Count;
        var planned = mode == PlanMode.ObserveOnly ? [] : PairEngine.Plan(_state, rules, now, mode == PlanMode.UpdatesAndCreates);
        var log = _state.Conflicts.Skip(conflictsBefore).Select(c =>
            Entry(now, "conflict", "settled", $"{c.AppField} / {c.SalesforceField}: app '{c.AppValue}' vs Salesforce '{c.SalesforceValue}'; {c.Reason}")
                with { Target = c.Winner == Side.App ? Side.Salesforce : Side.App }).ToList();
        if (StatusChange(before, now) is { } change)
        {
            log.Add(change);
        }

        if (force || planned.Count > 0 || log.Count > 0 || _state.Version == 0)
        {
            try
            {
                await SaveAsync();
            }
            catch (PairConflictException)
            {
                // Another pair already holds this record id (matched concurrently): forget this activation's view.
                DeactivateOnIdle();
                return new PairResult { Rejected = true };
            }
        }

        return new PairResult
        {
            Writes = planned.Select(Planned).ToArray(),
            Log = log,
            Unpaired = _state.Status is PairStatus.AppOnly or PairStatus.SalesforceOnly,
        };
    }

    /// <summary>A log entry when the pair stops syncing (held or broken, with the cause) or resumes.</summary>
    private SyncLogEntry? StatusChange(PairStatus before, DateTimeOffset now) => (before, _state.Status) switch
    {
        _ when before == _state.Status => null,
        (_, PairStatus.Held) => Entry(now, "pairing", "held", $"Sync held: {_state.Note}") with { Error = _state.Note, ErrorCode = PairingKeyMismatch },
        (_, PairStatus.Broken) => Entry(now, "pairing", "broken", $"Pair broken: {_state.Note}") with { Error = _state.Note },
        (PairStatus.Held, _) => Entry(now, "pairing", "resumed", "The pairing key matches again; sync resumed."),
        (_, PairStatus.Excluded) => Entry(now, "matching", "excluded", $"Matched an existing record; not synced: {_state.Note}"),
        _ => null,
    };

    private Task SaveAsync() => store.SaveAsync(_state);

    private Task<MappingRules> RulesAsync() => rulesProvider.GetAsync(_state.IntegrationId, _state.Mapping);

    private PlannedWrite Planned(OutboxEntry entry) => new(_key, _state.AppId, _state.SalesforceId, entry);

    private SyncLogEntry Log(OutboxEntry entry, DateTimeOffset now) =>
        Entry(now, entry.Kind.ToString().ToLowerInvariant(), entry.State.ToString().ToLowerInvariant(),
            $"{entry.Kind} {(entry.Target == Side.App ? "app" : "Salesforce")} record: {entry.State}{(entry.Reason is null ? "" : $" ({entry.Reason})")}") with
        {
            Target = entry.Target,
            Sequence = entry.Sequence,
            Payload = entry.Values.Count == 0 ? null : JsonSerializer.Serialize(entry.Values),
            Error = entry.Error,
            ErrorCode = entry.ErrorCode,
        };

    private SyncLogEntry Entry(DateTimeOffset now, string operation, string state, string message) => new()
    {
        At = now,
        IntegrationId = _state.IntegrationId,
        Mapping = _state.Mapping,
        PairId = _state.PairId,
        AppId = _state.AppId,
        SalesforceId = _state.SalesforceId,
        Operation = operation,
        State = state,
        Message = message,
    };
}
