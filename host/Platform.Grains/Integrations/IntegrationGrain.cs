using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Grains.Connectors;
using Platform.Grains.Events;
using Platform.Grains.Files;
using Platform.Grains.Instances;
using Platform.Grains.Lookups;
using Platform.Grains.Pairs;
using Platform.Grains.Receivers;
using Platform.Grains.Registry;
using Platform.Grains.Telemetry;
using Platform.Salesforce;
using Platform.Sync;

namespace Platform.Grains.Integrations;

/// <inheritdoc cref="IIntegrationGrain" />
/// <remarks>
/// A grain timer (which keeps the grain active) drives cycles on the integration's schedule; cycles never overlap
/// because the grain is not reentrant. The first cycle after activation also recovers writes a crash left unconfirmed.
/// A durable reminder wakes the grain if its silo is lost, so its schedule goes on on another silo.
/// </remarks>
public sealed partial class IntegrationGrain(
    [PersistentState("integration")] IPersistentState<IntegrationGrainState> state,
    MappingRulesProvider rulesProvider,
    SalesforceConnections connections,
    IConnectorRuntime connectors,
    IPairStore store,
    ISyncLog log,
    IEntryStore entries,
    IGatewayStore gateway,
    SyncEventHub events,
    SyncMetrics metrics,
    IOptions<SyncEngineOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<IntegrationGrain> logger) : Grain, IIntegrationGrain, IRemindable
{
    private const string KeepAliveReminder = "keep-alive";
    private const string AppAccepted = "The app accepts the connector's credentials again; resumed.";
    private IGrainTimer? _timer;
    private bool _recovered;
    private bool _running;
    private DateTimeOffset _lastPauseProbe;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Schedule();
        return Task.CompletedTask;
    }

    public async Task<IntegrationSnapshot> SaveAsync(IntegrationConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (state.State.Config is null && connectors.Find(config.ConnectorId) is { MatchBeforeSync: true })
        {
            state.State.Matching = true;
        }

        state.State.Config = config with { Id = Id };
        state.State.Version++;
        foreach (var stale in state.State.Cursors.Keys.Except(config.Mappings.Select(m => m.Name)).ToArray())
        {
            state.State.Cursors.Remove(stale);
        }

        // An object that stops being watched starts afresh when watched again: changes in between make no entries.
        foreach (var stale in state.State.ReceiverCursors.Keys.Except((config.Receiver?.Triggers ?? []).Select(t => t.Object), StringComparer.OrdinalIgnoreCase).ToArray())
        {
            state.State.ReceiverCursors.Remove(stale);
        }

        await state.WriteStateAsync();
        await ForgetCompiledAsync();
        // New settings may carry the fix for what paused it (an app's key): the next cycle probes at once.
        _lastPauseProbe = default;
        await GrainFactory.GetGrain<IRegistryGrain>(0).AddAsync(RegistryKind.Integration, Id);
        await KeepAliveAsync();
        LogSaved(logger, Id, state.State.Version);
        Schedule();
        return new IntegrationSnapshot(state.State.Config, state.State.Version);
    }

    public Task<IntegrationSnapshot?> GetAsync() =>
        Task.FromResult(state.State.Config is { } config ? new IntegrationSnapshot(config, state.State.Version) : null);

    public Task<IntegrationStatus> GetStatusAsync() => Task.FromResult(new IntegrationStatus
    {
        Enabled = state.State.Config?.Enabled ?? false,
        Paused = state.State.PausedByOperator || state.State.PausedReason is not null,
        PausedReason = state.State.PausedByOperator ? "Paused by an operator." : state.State.PausedReason,
        LastCycleAt = state.State.LastCycleAt,
        LastSuccessAt = state.State.LastSuccessAt,
        LastError = state.State.LastError,
        Counters = state.State.Counters,
        Running = _running,
        LastEntryReceivedAt = state.State.LastEntryReceivedAt,
        Matching = state.State.Matching,
        Silo = RuntimeIdentity,
    });

    public async Task DeleteAsync()
    {
        _timer?.Dispose();
        _timer = null;
        await store.DeleteIntegrationAsync(Id);
        await entries.DeleteIntegrationAsync(Id);
        await gateway.DeleteIntegrationAsync(Id);
        await connectors.ForgetAsync(Id);
        rulesProvider.Forget(Id);
        await ForgetUserConnectionsAsync();
        await GrainFactory.GetGrain<IRegistryGrain>(0).RemoveAsync(RegistryKind.Integration, Id);
        if (await this.GetReminder(KeepAliveReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await state.ClearStateAsync();
        DeactivateOnIdle();
    }

    /// <summary>Users' refresh tokens are revoked with the integration, so none stays valid at Salesforce unknown to the platform.</summary>
    private async Task ForgetUserConnectionsAsync()
    {
        var removed = await GrainFactory.GetGrain<IUserConnectionsGrain>(Id).ClearAsync();
        if (removed.Count == 0 || state.State.Config is not { } config || await GrainFactory.GetGrain<ISalesforceInstanceGrain>(config.InstanceId).GetAsync() is not { } instance)
        {
            return;
        }

        foreach (var connection in removed)
        {
            await connections.RevokeUserAsync(instance, connection.UserId, connection.ProtectedRefreshToken, CancellationToken.None);
        }
    }

    public async Task SetEnabledAsync(bool enabled)
    {
        var config = Require();
        state.State.Config = config with { Enabled = enabled };
        await state.WriteStateAsync();
        Schedule();
    }

    public async Task SetPausedAsync(bool paused)
    {
        Require();
        state.State.PausedByOperator = paused;
        if (!paused)
        {
            state.State.PausedReason = null;
            state.State.PausedForApp = false;
        }

        await state.WriteStateAsync();
        events.Publish(new SyncEvent(time.GetUtcNow(), Id, paused ? SyncEventKind.Paused : SyncEventKind.Resumed, paused ? "Paused by an operator." : "Resumed by an operator."));
    }

    public async Task<AppCheck> TestAppAsync()
    {
        var config = Require();
        var problems = await CheckAppAsync(() => connectors.Get(config, state.State.Version).Client);
        if (problems.Count > 0 || !state.State.PausedForApp)
        {
            return new AppCheck(problems, Resumed: false);
        }

        Resume(time.GetUtcNow(), AppAccepted);
        await state.WriteStateAsync();
        return new AppCheck(problems, Resumed: true);
    }

    public Task<CycleReport> SyncNowAsync() => RunCycleAsync(CancellationToken.None);

    public Task<CycleReport> SyncRecordsAsync(string mapping, IReadOnlyList<string> pairIds, IReadOnlyList<string> appIds) =>
        RunOnMappingAsync(mapping, (cycle, rules) => cycle.SyncPairsAsync(rules, pairIds, appIds, CancellationToken.None));

    public Task<CycleReport> DispatchAsync(string mapping, IReadOnlyList<PlannedWrite> writes) =>
        RunOnMappingAsync(mapping, (cycle, rules) => cycle.SendAsync(rules, [new PairResult { Writes = writes }], CancellationToken.None));

    public async Task<bool> RetryEntryAsync(long entryId, IReadOnlyDictionary<string, string?> edits, bool approve)
    {
        ArgumentNullException.ThrowIfNull(edits);
        var config = Require();
        if (await entries.GetAsync(Id, entryId) is not { } entry)
        {
            return false;
        }

        var services = connectors.Get(config, state.State.Version);
        if (config.Receiver is not { } receiverConfig || services.Receiver is not { } receiver)
        {
            throw new InvalidOperationException($"Integration '{Id}' receives nothing from Salesforce, so its entries cannot be retried.");
        }

        var values = new Dictionary<string, string?>(entry.Values, StringComparer.Ordinal);
        foreach (var (field, value) in edits)
        {
            values[field] = string.IsNullOrEmpty(value) ? null : value;
        }

        entry = entry with { Values = values, Edited = entry.Edited || edits.Count > 0, Approved = approve };
        await entries.UpdateAsync(entry);
        await Processor(receiverConfig, receiver).ProcessAsync(entry, CancellationToken.None);
        return true;
    }

    public async Task<IReadOnlyList<FileOutcome>?> PublishFilesAsync(string entity, string recordId)
    {
        var config = Require();
        if (!config.Enabled || state.State.PausedByOperator || state.State.PausedReason is not null)
        {
            throw new InvalidOperationException($"Integration '{Id}' is {(config.Enabled ? "paused" : "disabled")}: files are published only while it is connected to Salesforce.");
        }

        var context = await ContextAsync(config);
        if (context.App is not Sdk.IAppFileSource source)
        {
            throw new InvalidOperationException($"Connector '{config.ConnectorId}' publishes no files.");
        }

        if (await source.ListFilesAsync(entity, recordId, CancellationToken.None) is not { } files)
        {
            return null;
        }

        var publisher = Publisher(context, source);
        var outcomes = new List<FileOutcome>(files.Count);
        foreach (var file in files)
        {
            outcomes.Add(await publisher.PublishAsync(file, CancellationToken.None));
        }

        await state.WriteStateAsync();
        return outcomes;
    }

    public async Task<IntegrationSnapshot> BeginMatchingAsync(ConflictPolicyKind? master)
    {
        var config = Require();
        state.State.Matching = true;
        var changed = master is { } policy && config.Mappings.Any(m => m.ConflictPolicy != policy);
        if (changed)
        {
            state.State.Config = config with { Mappings = [.. config.Mappings.Select(m => m with { ConflictPolicy = master!.Value })] };
            state.State.Version++;
        }

        await state.WriteStateAsync();
        if (changed)
        {
            await ForgetCompiledAsync();
        }
        LogMatching(logger, Id, master);
        return new IntegrationSnapshot(state.State.Config!, state.State.Version);
    }

    public async Task<CycleReport> CompleteMatchingAsync()
    {
        Require();
        state.State.Matching = false;
        // Matching cycles moved the watermarks without planning: read everything again so every record is planned once.
        state.State.Cursors.Clear();
        await state.WriteStateAsync();
        events.Publish(new SyncEvent(time.GetUtcNow(), Id, SyncEventKind.Resumed, "Matching completed; syncing starts."));
        return await RunCycleAsync(CancellationToken.None);
    }

    public async Task StartAsync()
    {
        if (state.State.Config is not null)
        {
            await KeepAliveAsync();
        }

        EnsureScheduled();
    }

    /// <summary>The reminder's only job is to have woken the grain; activation already started the schedule.</summary>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        EnsureScheduled();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Starts the schedule unless it runs: every silo that starts wakes every integration, and restarting a running
    /// timer would run a cycle at once and shift the cadence.
    /// </summary>
    private void EnsureScheduled()
    {
        if (_timer is null)
        {
            Schedule();
        }
    }

    private Task<IGrainReminder> KeepAliveAsync() =>
        this.RegisterOrUpdateReminder(KeepAliveReminder, options.Value.KeepAlivePeriod, options.Value.KeepAlivePeriod);

    private async Task<CycleReport> RunCycleAsync(CancellationToken cancellationToken)
    {
        var config = state.State.Config;
        if (config is null || !config.Enabled)
        {
            return new CycleReport { Skipped = "disabled" };
        }

        if (state.State.PausedByOperator)
        {
            return new CycleReport { Skipped = "paused by an operator" };
        }

        var now = time.GetUtcNow();
        var started = time.GetTimestamp();
        var outcome = "skipped";
        using var activity = SyncMetrics.Activities.StartActivity("sync cycle");
        activity?.SetTag("platform.integration", Id);
        _running = true;
        var report = new CycleReport();
        // A stopping host ends the cycle at its next read or write: what is done is saved and the rest resumes on restart.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        cancellationToken = stopping.Token;
        Context? context = null;
        try
        {
            context = await ContextAsync(config);
            var resumed = false;
            if (state.State.PausedReason is { } reason)
            {
                if (!await ResumeAsync(context, now))
                {
                    return new CycleReport { Skipped = reason };
                }

                resumed = true;
            }

            events.Publish(new SyncEvent(now, Id, SyncEventKind.CycleStarted, $"Cycle started ({config.Mappings.Count} mappings)."));
            var callsBefore = context.Salesforce.ApiCalls;
            var linked = new LinkedRecords();
            // Mappings that others reference run first, so a contact finds its account already paired in the same cycle.
            foreach (var mapping in config.Mappings.OrderBy(m => context.Rules[m.Name].References.Count > 0 ? 1 : 0))
            {
                var cycle = NewCycle(context, retryAllFailed: resumed, linked, observeOnly: state.State.Matching);
                try
                {
                    await cycle.RunAsync(context.Rules[mapping.Name], state.State.Cursor(mapping.Name), recover: !_recovered, cancellationToken);
                }
                finally
                {
                    report += cycle.Report;
                }
            }

            if (config.Receiver is { } receiverConfig && !state.State.Matching)
            {
                var receiver = context.Receiver ?? throw new InvalidOperationException($"Connector '{config.ConnectorId}' declares a receiver but its plugin created none; entries wait until it does.");
                report += await ReceiveAsync(context, receiverConfig, receiver, cancellationToken);
            }

            if (context.App is Sdk.IAppFileSource { AutoPublish: true } files && !state.State.Matching)
            {
                report += await PublishNewFilesAsync(context, files, cancellationToken);
            }

            _recovered = true;
            outcome = "completed";
            report = report with { SalesforceApiCalls = context.Salesforce.ApiCalls - callsBefore };
            state.State.LastSuccessAt = time.GetUtcNow();
            state.State.LastError = null;
            events.Publish(new SyncEvent(time.GetUtcNow(), Id, SyncEventKind.CycleCompleted,
                $"Cycle done: {report.RecordsRead} read, {report.WritesToSalesforce} written to Salesforce, {report.WritesToApp} to the app, {report.Failures} failed, {report.Conflicts} conflicts{(config.Receiver is null ? "" : $", {report.EntriesReceived} entries received")}.",
                Count: report.WritesToSalesforce + report.WritesToApp));
        }
        catch (SalesforceException e) when (e.Kind is SalesforceErrorKind.Budget or SalesforceErrorKind.Authentication)
        {
            report = report with { Skipped = Pause(e.Kind == SalesforceErrorKind.Budget ? $"Salesforce API budget spent: {e.Message}" : $"Salesforce refused the credentials: {e.Message}", forApp: false) };
            outcome = "paused";
        }
        catch (Sdk.ConnectorException e) when (e.Error.Kind == Sdk.ConnectorErrorKind.Unauthorized)
        {
            // Every later call would be refused too, and hammering an app with bad credentials can lock the account.
            report = report with { Skipped = Pause($"The app refused the connector's credentials: {e.Error.Message.TrimEnd('.')}. Fix the integration's settings; it resumes once the app accepts them.", forApp: true) };
            outcome = "paused";
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogStoppedByShutdown(logger, Id);
            report = report with { Skipped = "the host is stopping" };
        }
        catch (Exception e) when (e is SalesforceException or Sdk.ConnectorException or HttpRequestException or InvalidOperationException or TimeoutException or PairConflictException)
        {
            state.State.LastError = e.Message;
            outcome = "failed";
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            LogCycleFailed(logger, Id, e);
            events.Publish(new SyncEvent(time.GetUtcNow(), Id, SyncEventKind.Failure, $"Cycle failed: {e.Message}"));
            report = report with { Skipped = e.Message };
        }
        finally
        {
            _running = false;
            state.State.LastCycleAt = now;
            state.State.Counters = state.State.Counters.Add(report);
            metrics.CycleFinished(Id, config.InstanceId, report, time.GetElapsedTime(started), outcome, context?.Salesforce.Budget is { Used: { } used, Allocated: { } allocated } ? (used, allocated) : null);
            activity?.SetTag("platform.outcome", outcome);
            activity?.SetTag("platform.writes.salesforce", report.WritesToSalesforce);
            activity?.SetTag("platform.writes.app", report.WritesToApp);
            await state.WriteStateAsync(CancellationToken.None);
            if (context is not null)
            {
                await ReportInstanceAsync(config.InstanceId, context.Salesforce);
            }
        }

        return report;
    }

    private string Pause(string reason, bool forApp)
    {
        state.State.PausedReason = reason;
        state.State.PausedForApp = forApp;
        _lastPauseProbe = time.GetUtcNow();
        LogPaused(logger, Id, reason);
        events.Publish(new SyncEvent(time.GetUtcNow(), Id, SyncEventKind.Paused, reason));
        return reason;
    }

    /// <summary>While paused, one probe per recheck interval (or right after the configuration changed) learns whether the cause has passed.</summary>
    private async Task<bool> ResumeAsync(Context context, DateTimeOffset now)
    {
        if (now - _lastPauseProbe < options.Value.BudgetRecheckInterval)
        {
            return false;
        }

        _lastPauseProbe = now;
        var resumed = state.State.PausedForApp
            ? await CheckAppAsync(() => context.App) is { Count: 0 } ? AppAccepted : null
            : await ProbeSalesforceAsync(context.Salesforce);
        if (resumed is null)
        {
            return false;
        }

        Resume(now, resumed);
        return true;
    }

    private void Resume(DateTimeOffset now, string reason)
    {
        state.State.PausedReason = null;
        state.State.PausedForApp = false;
        events.Publish(new SyncEvent(now, Id, SyncEventKind.Resumed, reason));
        LogResumed(logger, Id, reason);
    }

    private async Task<string?> ProbeSalesforceAsync(SalesforceClient salesforce)
    {
        try
        {
            return await salesforce.ProbeBudgetAsync() ? "Salesforce answers again (API budget available, credentials accepted); resumed." : null;
        }
        catch (SalesforceException e)
        {
            LogPauseProbeFailed(logger, Id, e.Message);
            return null;
        }
    }

    /// <summary>
    /// The connector's own check. A connector that is not loaded, or whose client or check throws, is a problem to report
    /// too, not a failure of the caller: an operator testing a broken plugin learns what broke.
    /// </summary>
    private async Task<IReadOnlyList<string>> CheckAppAsync(Func<Sdk.IAppClient> client)
    {
        IReadOnlyList<string> problems;
        try
        {
            problems = await client().CheckConnectionAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is Sdk.ConnectorException or HttpRequestException)
        {
            problems = [e.Message];
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            problems = [$"The connector failed: {e.GetType().Name}: {e.Message}"];
        }

        if (problems.Count > 0)
        {
            LogAppCheckFailed(logger, Id, string.Join(" ", problems));
        }

        return problems;
    }

    private async Task ReportInstanceAsync(string instanceId, SalesforceClient salesforce)
    {
        var now = time.GetUtcNow();
        // The app refusing its credentials says nothing about Salesforce: the instance is not marked failed for it.
        var salesforcePause = state.State.PausedForApp ? null : state.State.PausedReason;
        var failed = state.State.LastError is not null || salesforcePause is not null;
        await GrainFactory.GetGrain<ISalesforceInstanceGrain>(instanceId).ReportAsync(new InstanceStatus
        {
            Connected = !failed,
            LastConnectedAt = failed ? null : now,
            LastError = salesforcePause ?? state.State.LastError,
            LastErrorAt = failed ? now : null,
            ApiUsed = salesforce.Budget.Used,
            ApiAllocated = salesforce.Budget.Allocated,
            BudgetShare = salesforce.Budget.Share,
            PausedReason = salesforcePause,
        });
    }

    private sealed record Context(SalesforceClient Salesforce, Sdk.IAppClient App, Sdk.ISalesforceReceiver? Receiver, IReadOnlyDictionary<string, MappingRules> Rules);

    private async Task<Context> ContextAsync(IntegrationConfig config)
    {
        var instance = await GrainFactory.GetGrain<ISalesforceInstanceGrain>(config.InstanceId).GetAsync()
            ?? throw new InvalidOperationException($"Integration '{Id}' refers to instance '{config.InstanceId}', which does not exist.");
        var salesforce = connections.Get(instance);
        var services = connectors.Get(config, state.State.Version);
        var rules = await rulesProvider.CompileAsync(new IntegrationSnapshot(config, state.State.Version));
        return new Context(salesforce, services.Client, services.Receiver, rules);
    }

    private SyncCycle NewCycle(Context context, bool retryAllFailed = false, LinkedRecords? linked = null, bool observeOnly = false)
    {
        var window = state.State.Config?.Schedule.ActivityWindow;
        return new SyncCycle(GrainFactory, store, log, events, metrics, context.Salesforce, context.App, options.Value, time, logger)
        {
            SaveCursorsAsync = () => state.WriteStateAsync(),
            ActiveSince = window is { } w ? time.GetUtcNow() - w : null,
            RetryAllFailed = retryAllFailed,
            ObserveOnly = observeOnly,
            Linked = linked ?? new LinkedRecords(),
        };
    }

    private async Task<CycleReport> ReceiveAsync(Context context, ReceiverConfig config, Sdk.ISalesforceReceiver receiver, CancellationToken cancellationToken)
    {
        var processor = Processor(config, receiver);
        var cycle = new ReceiverCycle(Id, config, processor, context.Salesforce, entries, events, options.Value, time)
        {
            SaveCursorsAsync = () => state.WriteStateAsync(),
        };
        try
        {
            await cycle.RunAsync(state.State.ReceiverCursors, cancellationToken);
        }
        finally
        {
            if (cycle.Received > 0)
            {
                state.State.LastEntryReceivedAt = time.GetUtcNow();
            }
        }

        // Entries read after the refusal were saved and wait, received, for the resume.
        if (processor.Refused is { } refused)
        {
            throw refused;
        }

        return new CycleReport { RecordsRead = cycle.RecordsRead, EntriesReceived = cycle.Received };
    }

    /// <summary>
    /// Publishes the files the app added since the last cycle. A failed file stops the read before its page's cursor is
    /// kept, so the page is read again next cycle; the files of it already published are not published twice.
    /// </summary>
    private async Task<CycleReport> PublishNewFilesAsync(Context context, Sdk.IAppFileSource source, CancellationToken cancellationToken)
    {
        var publisher = Publisher(context, source);
        var published = 0L;
        while (true)
        {
            var page = await source.GetNewFilesAsync(state.State.FilesCursor, cancellationToken);
            foreach (var file in page.Files)
            {
                var outcome = await publisher.PublishAsync(file, cancellationToken);
                if (outcome.State == "failed")
                {
                    await state.WriteStateAsync(cancellationToken);
                    return new CycleReport { WritesToSalesforce = published, Failures = 1 };
                }

                published += outcome.State == "published" ? 1 : 0;
            }

            state.State.FilesCursor = page.Cursor;
            await state.WriteStateAsync(cancellationToken);
            if (!page.HasMore || page.Files.Count == 0)
            {
                return new CycleReport { WritesToSalesforce = published };
            }
        }
    }

    private FilePublisher Publisher(Context context, Sdk.IAppFileSource source) =>
        new(Id, source, context.Salesforce, state.State.PublishedFiles, log, time);

    private EntryProcessor Processor(ReceiverConfig config, Sdk.ISalesforceReceiver receiver) => new(receiver, config, entries, log, events, time, logger);

    /// <summary>Runs work on one mapping outside the schedule (a touch, an operator's retry) and reports what it did.</summary>
    private async Task<CycleReport> RunOnMappingAsync(string mapping, Func<SyncCycle, MappingRules, Task> work)
    {
        var context = await ContextAsync(Require());
        var rules = context.Rules.GetValueOrDefault(mapping) ?? throw new ArgumentException($"Integration '{Id}' has no mapping '{mapping}'.", nameof(mapping));
        var cycle = NewCycle(context);
        await work(cycle, rules);
        return cycle.Report;
    }

    /// <summary>The configuration changed: compiled mappings and the connector's client are made again from it.</summary>
    private async Task ForgetCompiledAsync()
    {
        rulesProvider.Forget(Id);
        await connectors.ForgetAsync(Id);
    }

    private IntegrationConfig Require() =>
        state.State.Config ?? throw new InvalidOperationException($"Integration '{Id}' does not exist.");

    private void Schedule()
    {
        _timer?.Dispose();
        _timer = null;
        if (state.State.Config is not { Enabled: true } config)
        {
            return;
        }

        var interval = config.Schedule.Interval < options.Value.MinimumInterval ? options.Value.MinimumInterval : config.Schedule.Interval;
        var due = config.Schedule.StartAt is { } start && start > time.GetUtcNow() ? start - time.GetUtcNow() : TimeSpan.Zero;
        _timer = this.RegisterGrainTimer(ct => RunCycleAsync(ct), new GrainTimerCreationOptions(due, interval) { KeepAlive = true, Interleave = false });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId} in matching (master: {Master})")]
    private static partial void LogMatching(ILogger logger, string integrationId, ConflictPolicyKind? master);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId} saved (version {Version})")]
    private static partial void LogSaved(ILogger logger, string integrationId, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {IntegrationId} paused: {Reason}")]
    private static partial void LogPaused(ILogger logger, string integrationId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId} resumed: {Reason}")]
    private static partial void LogResumed(ILogger logger, string integrationId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Integration {IntegrationId}: sync cycle failed")]
    private static partial void LogCycleFailed(ILogger logger, string integrationId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId}: cycle stopped because the host is stopping; it resumes from its saved watermarks on restart")]
    private static partial void LogStoppedByShutdown(ILogger logger, string integrationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {IntegrationId}: still paused, Salesforce's probe failed ({Reason})")]
    private static partial void LogPauseProbeFailed(ILogger logger, string integrationId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Integration {IntegrationId}: the connector's check of the app found problems: {Problems}")]
    private static partial void LogAppCheckFailed(ILogger logger, string integrationId, string problems);
}
