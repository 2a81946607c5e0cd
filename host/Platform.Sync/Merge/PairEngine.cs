using Platform.Sdk;

namespace Platform.Sync;

/// <summary>
/// The decisions for one paired record, as pure functions of its state: fold in what each side reports, plan the
/// writes that bring the sides together (creates, updates, deletes), and settle their outcomes into the merge base.
/// </summary>
public static class PairEngine
{
    public const int HistoryLimit = 20;

    /// <summary>The error code of a Salesforce create a stop left with an unknown outcome (in review until settled).</summary>
    public const string OutcomeUnknown = "OUTCOME_UNKNOWN";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>Folds a side's report into the state; an older report than the one already held is ignored.</summary>
    /// <returns>Whether the state changed.</returns>
    public static bool Observe(PairState state, Observation observation, MappingRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(rules);
        var app = observation.Side == Side.App;
        var heldAt = app ? state.AppModifiedAt : state.SalesforceModifiedAt;
        if (observation.ModifiedAt is { } at && heldAt is { } held && at < held)
        {
            return false;
        }

        var changed = false;
        if ((app ? state.AppId : state.SalesforceId) is null && (app ? state.SalesforceId : state.AppId) is not null && !observation.Deleted
            && !state.Outbox.Exists(e => e.Kind == WriteKind.Create && e.State == OutboxState.Succeeded) && !NamesCounterpart(state, observation, rules))
        {
            // The other side's record was already known and the platform did not create this one: the two matched.
            state.MatchUndecided = true;
        }

        if (app)
        {
            changed |= Set(state.AppId, observation.Id, v => state.AppId = v);
            changed |= state.AppDeleted != observation.Deleted;
            state.AppDeleted = observation.Deleted;
            state.AppModifiedAt = observation.ModifiedAt ?? state.AppModifiedAt;
            changed |= Fold(state.AppValues, observation.Values);
            state.AppMatchKey = rules.MatchKey(Side.App, state.AppValues);
        }
        else
        {
            if (state.SalesforceId is null && !observation.Deleted)
            {
                SettleUnknownCreate(state, observation.ModifiedAt);
            }

            changed |= Set(state.SalesforceId, observation.Id, v => state.SalesforceId = v);
            state.SalesforceCreatedAt = observation.CreatedAt ?? state.SalesforceCreatedAt;
            changed |= state.SalesforceDeleted != observation.Deleted;
            state.SalesforceDeleted = observation.Deleted;
            state.SalesforceModifiedAt = observation.ModifiedAt ?? state.SalesforceModifiedAt;
            changed |= Fold(state.SalesforceValues, observation.Values);
            state.SalesforceMatchKey = rules.MatchKey(Side.Salesforce, state.SalesforceValues);
        }

        UpdateLinkStatus(state);
        CheckPairingKey(state, rules, observation.ModifiedAt ?? DateTimeOffset.MinValue);
        return changed;
    }

    /// <summary>How a pair's note starts while the connector holds its update.</summary>
    private const string HeldPrefix = "Update held: ";

    /// <summary>
    /// Plans the writes that bring both sides together. Writes decided earlier and not yet confirmed are folded in
    /// (marked <see cref="OutboxState.Merged"/>), except a create in flight, which is never planned twice.
    /// </summary>
    /// <remarks>
    /// Creates happen only when <c>allowCreates</c> is set: the engine first reads and matches both feeds, so that a
    /// record existing on both sides is linked rather than duplicated. The new entries are returned already
    /// <see cref="OutboxState.Pending"/>: persist the state before sending them.
    /// </remarks>
    public static IReadOnlyList<OutboxEntry> Plan(PairState state, MappingRules rules, DateTimeOffset now, bool allowCreates)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (state.Status is PairStatus.Excluded or PairStatus.Broken or PairStatus.Deleted)
        {
            return [];
        }

        if (CheckPairingKey(state, rules, now))
        {
            return [];
        }

        SettleWritesAlreadyVisible(state, now);
        var planned = new List<OutboxEntry>(2);
        if (DecideMatch(state, rules, now, planned))
        {
            return planned;
        }

        if (state.AppDeleted || state.SalesforceDeleted)
        {
            PlanDelete(state, rules, now, planned);
        }
        else if (state.SalesforceId is null || state.AppId is null)
        {
            if (allowCreates)
            {
                PlanCreate(state, rules, now, planned);
            }
        }
        else
        {
            PlanUpdate(state, rules, now, planned);
        }

        Trim(state);
        return planned;
    }

    /// <summary>Settles a sent write: on success the written values become the base on both sides.</summary>
    /// <returns>The entry, or null when the state has no open entry with that sequence.</returns>
    public static OutboxEntry? Confirm(PairState state, WriteOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        var entry = state.Outbox.Find(e => e.Sequence == outcome.Sequence);
        if (entry is null || entry.State is not (OutboxState.Pending or OutboxState.New))
        {
            return null;
        }

        entry.Attempts++;
        entry.UpdatedAt = now;
        if (!outcome.Succeeded)
        {
            // A create whose answer was lost may have happened: a blind retry could duplicate it, so it waits for the
            // Salesforce feed to show the record (settled by match key, see Observe) or for an operator.
            entry.State = outcome.ErrorCode == OutcomeUnknown ? OutboxState.NeedsReview : OutboxState.Failed;
            entry.Error = outcome.Error;
            entry.ErrorCode = outcome.ErrorCode;
            entry.Retryable = outcome.Retryable;
            entry.NextAttemptAt = outcome.Retryable ? now + Backoff(entry.Attempts) : null;
            return entry;
        }

        entry.State = OutboxState.Succeeded;
        entry.Error = null;
        entry.ErrorCode = null;
        entry.NextAttemptAt = null;
        Apply(state, entry, outcome.Id);
        state.LastSyncedAt = now;
        return entry;
    }

    /// <summary>Makes a failed or stuck write due again, optionally with corrected values (target field names, canonical text).</summary>
    public static OutboxEntry? Retry(PairState state, long sequence, IReadOnlyDictionary<string, string?>? corrections, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entry = state.Outbox.Find(e => e.Sequence == sequence);
        if (entry is null || entry.State is not (OutboxState.Failed or OutboxState.NeedsReview))
        {
            return null;
        }

        var retry = NewEntry(state, entry.Target, entry.Kind, now, $"operator retry of #{entry.Sequence}");
        foreach (var (field, value) in entry.Values)
        {
            retry.Values[field] = value;
        }

        foreach (var (field, value) in entry.Sources)
        {
            retry.Sources[field] = value;
        }

        foreach (var (field, value) in corrections ?? new Dictionary<string, string?>())
        {
            retry.Values[field] = value;
        }

        entry.State = OutboxState.Merged;
        entry.UpdatedAt = now;
        entry.Reason = $"retried as #{retry.Sequence}";
        if (state.Status == PairStatus.Broken && entry.Kind != WriteKind.Delete)
        {
            Reinstate(state);
        }

        state.Outbox.Add(retry);
        return retry;
    }

    /// <summary>
    /// After a crash, decides what to do with writes that were sent but never confirmed: updates and deletes are
    /// repeated (they are idempotent); creates are repeated only when they cannot duplicate (an upsert on an external id,
    /// or an app write with an idempotency key); any other create needs an operator's review.
    /// </summary>
    public static IReadOnlyList<OutboxEntry> Recover(PairState state, MappingRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        SettleWritesAlreadyVisible(state, now);
        var resend = new List<OutboxEntry>();
        foreach (var entry in state.Outbox.Where(e => e.State is OutboxState.Pending or OutboxState.New))
        {
            var safe = entry.Kind != WriteKind.Create || entry.Target == Side.App || rules.Config.Match.ExternalIdField is not null;
            if (safe)
            {
                resend.Add(entry);
            }
            else
            {
                entry.State = OutboxState.NeedsReview;
                entry.UpdatedAt = now;
                entry.ErrorCode = OutcomeUnknown;
                entry.Error = rules.KeyFields.Count > 0
                    ? "The platform stopped while creating this record in Salesforce; the next read of Salesforce settles it (found by the match key) or sends it again."
                    : "The platform stopped while creating this record in Salesforce; it may or may not exist. Link it or retry the create.";
            }
        }

        return resend;
    }

    /// <summary>
    /// After a recovering cycle has read Salesforce from before the crash, a create whose outcome the crash hid and that
    /// no record in the feed matched was never made: it is sent again. Only for mappings with match keys, where a record
    /// the platform did create would have matched this pair (and settled the create, see <see cref="Observe"/>).
    /// </summary>
    /// <returns>The creates to send again (already pending: persist the state first).</returns>
    public static IReadOnlyList<OutboxEntry> ResendUnconfirmedCreates(PairState state, MappingRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.KeyFields.Count == 0 || state.SalesforceId is not null)
        {
            return [];
        }

        var resend = state.Outbox.Where(e => e.State == OutboxState.NeedsReview && e.ErrorCode == OutcomeUnknown && e.Kind == WriteKind.Create && e.Target == Side.Salesforce).ToList();
        foreach (var entry in resend)
        {
            entry.State = OutboxState.Pending;
            entry.UpdatedAt = now;
            entry.Error = null;
            entry.ErrorCode = null;
            entry.Reason += " (sent again: Salesforce had no record from before the stop)";
        }

        return resend;
    }

    /// <summary>Whether a record of one side takes part in sync: it passes the mapping's filters and the connector's <see cref="ConnectorRules.ShouldSync"/>.</summary>
    public static bool TakesPart(MappingRules rules, Side side, Dictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(values);
        return rules.PassesFilters(side, values) && rules.Connector.ShouldSync(rules.Config.Entity, side == Side.App ? SyncSource.App : SyncSource.Salesforce, Raw(values));
    }

    /// <summary>Whether a record of one side that has no counterpart would be created on the other (direction, filters and the connector's rules).</summary>
    public static bool WouldCreate(MappingRules rules, Side side, Dictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return FlowsFrom(rules, side) && TakesPart(rules, side, values)
            && rules.Connector.DecideCreate(rules.Config.Entity, side == Side.App ? SyncSource.App : SyncSource.Salesforce, Raw(values)).ShouldWrite;
    }

    /// <summary>Whether the mapping's direction lets records and changes of <paramref name="source"/> reach the other side.</summary>
    private static bool FlowsFrom(MappingRules rules, Side source) =>
        source == Side.App ? rules.Direction is Direction.ToSalesforce or Direction.Both : rules.Direction is Direction.ToApp or Direction.Both;

    /// <summary>The retry delay after <paramref name="attempts"/> failed attempts: 30 s doubling, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(MaxBackoff.TotalSeconds, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    private static void PlanCreate(PairState state, MappingRules rules, DateTimeOffset now, List<OutboxEntry> planned)
    {
        if (state.Outbox.Exists(e => e.Kind == WriteKind.Create && e.State is OutboxState.Pending or OutboxState.NeedsReview))
        {
            return;
        }

        var fromApp = state.SalesforceId is null;
        var source = fromApp ? Side.App : Side.Salesforce;
        var values = fromApp ? state.AppValues : state.SalesforceValues;
        if (!FlowsFrom(rules, source) || !TakesPart(rules, source, values))
        {
            return;
        }

        if (Waits(state, rules.WaitingReference(source, values)))
        {
            return;
        }

        var decision = rules.Connector.DecideCreate(rules.Config.Entity, fromApp ? SyncSource.App : SyncSource.Salesforce, Raw(values));
        if (!decision.ShouldWrite)
        {
            state.Note = decision.Reason;
            return;
        }

        var target = fromApp ? Side.Salesforce : Side.App;
        SupersedeOpen(state, target, now);
        var entry = Reopen(state, target, now) ?? NewEntry(state, target, WriteKind.Create, now, "no counterpart found");
        foreach (var field in rules.Fields)
        {
            if (fromApp && field.FlowsToSalesforce && field.SalesforceCreateable)
            {
                var value = field.AppToSalesforce(state.AppValues.GetValueOrDefault(field.AppField));
                entry.Sources[field.AppField] = state.AppValues.GetValueOrDefault(field.AppField);
                if (value is not null)
                {
                    entry.Values[field.SalesforceField] = value;
                }
            }
            else if (!fromApp && field.FlowsToApp && field.AppWritable)
            {
                var value = field.SalesforceToApp(state.SalesforceValues.GetValueOrDefault(field.SalesforceField));
                entry.Sources[field.SalesforceField] = state.SalesforceValues.GetValueOrDefault(field.SalesforceField);
                if (value is not null)
                {
                    entry.Values[field.AppField] = value;
                }
            }
        }

        if (fromApp && rules.Config.Match.ExternalIdField is { } externalId)
        {
            entry.Values[externalId] = state.AppId;
        }
        else if (!fromApp && rules.Config.Match.SalesforceIdAppField is { } idField)
        {
            entry.Values[idField] = rules.SalesforcePairingKey(state.SalesforceId, state.SalesforceValues);
        }

        if (!state.Outbox.Contains(entry))
        {
            state.Outbox.Add(entry);
        }

        planned.Add(entry);
    }

    /// <summary>
    /// A create that failed transiently is sent again as the same write, with its idempotency key, and not as a new one:
    /// the first attempt may yet take effect (a timeout, or an app gateway write still queued for the app), and only the
    /// same key lets the other side recognise it.
    /// </summary>
    private static OutboxEntry? Reopen(PairState state, Side target, DateTimeOffset now)
    {
        var failed = state.Outbox.FindLast(e => e.Kind == WriteKind.Create && e.Target == target && e.State == OutboxState.Failed && e.Retryable);
        if (failed is null)
        {
            return null;
        }

        failed.State = OutboxState.Pending;
        failed.UpdatedAt = now;
        failed.NextAttemptAt = null;
        failed.Retryable = false;
        failed.Error = null;
        failed.ErrorCode = null;
        failed.Values.Clear();
        failed.Sources.Clear();
        return failed;
    }

    private static void PlanUpdate(PairState state, MappingRules rules, DateTimeOffset now, List<OutboxEntry> planned)
    {
        if (!TakesPart(rules, Side.App, state.AppValues) || !TakesPart(rules, Side.Salesforce, state.SalesforceValues))
        {
            return;
        }

        if (Waits(state, rules.WaitingReference(Side.App, state.AppValues) ?? rules.WaitingReference(Side.Salesforce, state.SalesforceValues)))
        {
            return;
        }

        OutboxEntry? toSalesforce = null;
        OutboxEntry? toApp = null;
        foreach (var field in rules.Fields)
        {
            if (field.FirstSyncOnly)
            {
                continue;
            }

            var app = state.AppValues.GetValueOrDefault(field.AppField);
            var salesforce = state.SalesforceValues.GetValueOrDefault(field.SalesforceField);
            var values = new FieldValues(
                app, salesforce,
                state.AppBase.TryGetValue(field.AppField, out var appBase), appBase,
                state.SalesforceBase.TryGetValue(field.SalesforceField, out var salesforceBase), salesforceBase);
            var decision = FieldMerge.Decide(field, values, rules.Config.ConflictPolicy, state.AppModifiedAt, state.SalesforceModifiedAt);
            switch (decision.Action)
            {
                case FieldAction.Agree:
                    state.AppBase[field.AppField] = app;
                    state.SalesforceBase[field.SalesforceField] = salesforce;
                    break;
                case FieldAction.WriteSalesforce:
                    toSalesforce ??= NewEntry(state, Side.Salesforce, WriteKind.Update, now, "changed in the app");
                    toSalesforce.Values[field.SalesforceField] = decision.Value;
                    toSalesforce.Sources[field.AppField] = app;
                    break;
                case FieldAction.WriteApp:
                    toApp ??= NewEntry(state, Side.App, WriteKind.Update, now, "changed in Salesforce");
                    toApp.Values[field.AppField] = decision.Value;
                    toApp.Sources[field.SalesforceField] = salesforce;
                    break;
            }

            if (decision.Conflict is { } why)
            {
                state.Conflicts.Add(new ConflictRecord
                {
                    AppField = field.AppField,
                    SalesforceField = field.SalesforceField,
                    AppValue = app,
                    SalesforceValue = salesforce,
                    Winner = decision.Action == FieldAction.WriteSalesforce ? Side.App : Side.Salesforce,
                    Reason = why,
                    At = now,
                });
            }
        }

        if (rules.Config.Match.SalesforceIdAppField is { } pairingField && rules.Direction is Direction.ToApp or Direction.Both)
        {
            // CheckPairingKey passed: the app holds the key (now agreed), or never held one and is given it here.
            var held = state.AppValues.GetValueOrDefault(pairingField);
            if (string.IsNullOrEmpty(held))
            {
                toApp ??= NewEntry(state, Side.App, WriteKind.Update, now, "pairing key");
                toApp.Values[pairingField] = rules.SalesforcePairingKey(state.SalesforceId, state.SalesforceValues);
            }
            else
            {
                state.AppBase[pairingField] = held;
            }
        }

        if (rules.Config.Match.ExternalIdField is { } externalId && rules.Direction is Direction.ToSalesforce or Direction.Both
            && string.IsNullOrEmpty(state.SalesforceValues.GetValueOrDefault(externalId)))
        {
            // A record that began in Salesforce is given its app id too, so it can be found (and upserted) by it.
            toSalesforce ??= NewEntry(state, Side.Salesforce, WriteKind.Update, now, "external id");
            toSalesforce.Values[externalId] = state.AppId;
        }

        toSalesforce = Decided(state, rules, SyncSource.App, toSalesforce);
        toApp = Decided(state, rules, SyncSource.Salesforce, toApp);
        Queue(state, toSalesforce, now, planned);
        Queue(state, toApp, now, planned);
        if (toSalesforce is null && toApp is null)
        {
            state.LastSyncedAt ??= now;
        }
    }

    /// <summary>
    /// The connector's say on an update: a held one is dropped and the pair notes why; the bases stay as they were, so
    /// the same changes are decided again whenever the pair is planned.
    /// </summary>
    private static OutboxEntry? Decided(PairState state, MappingRules rules, SyncSource source, OutboxEntry? update)
    {
        if (update is null)
        {
            return null;
        }

        var values = source == SyncSource.App ? state.AppValues : state.SalesforceValues;
        var decision = rules.Connector.DecideUpdate(rules.Config.Entity, source, Raw(values), [.. update.Sources.Keys]);
        if (decision.ShouldWrite)
        {
            if (state.Note?.StartsWith(HeldPrefix, StringComparison.Ordinal) == true)
            {
                state.Note = null;
            }

            return update;
        }

        state.Note = HeldPrefix + decision.Reason;
        return null;
    }

    private static void PlanDelete(PairState state, MappingRules rules, DateTimeOffset now, List<OutboxEntry> planned)
    {
        if (state.AppDeleted && state.SalesforceDeleted || state.AppId is null || state.SalesforceId is null)
        {
            state.Status = PairStatus.Deleted;
            return;
        }

        var target = state.SalesforceDeleted ? Side.App : Side.Salesforce;
        var flows = FlowsFrom(rules, target == Side.App ? Side.Salesforce : Side.App);
        var deletedIn = target == Side.App ? "Salesforce" : "the app";
        var policy = flows ? rules.Config.DeletePolicy : DeletePolicy.Ignore;
        var markField = target == Side.App ? rules.Config.DeleteMarkAppField : rules.Config.DeleteMarkSalesforceField;
        switch (policy)
        {
            case DeletePolicy.Delete:
                SupersedeOpen(state, target, now);
                var delete = NewEntry(state, target, WriteKind.Delete, now, $"deleted in {deletedIn}");
                state.Outbox.Add(delete);
                planned.Add(delete);
                break;
            case DeletePolicy.Mark when markField is not null:
                var current = target == Side.App ? state.AppValues.GetValueOrDefault(markField) : state.SalesforceValues.GetValueOrDefault(markField);
                if (current != rules.Config.DeleteMarkValue)
                {
                    SupersedeOpen(state, target, now);
                    var mark = NewEntry(state, target, WriteKind.Update, now, $"deleted in {deletedIn}: marked");
                    mark.Values[markField] = rules.Config.DeleteMarkValue;
                    state.Outbox.Add(mark);
                    planned.Add(mark);
                }

                state.Status = PairStatus.Broken;
                state.Note = $"The record was deleted in {deletedIn}; its counterpart is marked and no longer synced.";
                break;
            default:
                state.Status = PairStatus.Broken;
                state.Note = $"The record was deleted in {deletedIn}; its counterpart was left alone and is no longer synced.";
                break;
        }
    }

    /// <summary>
    /// Asks the connector what to do with records found on both sides. Linking goes on to plan as usual; skipping
    /// excludes the pair; rejecting writes the connector's values to the app record (e.g. a denied status) and excludes it.
    /// </summary>
    /// <returns>Whether the pair was excluded (nothing else is planned).</returns>
    private static bool DecideMatch(PairState state, MappingRules rules, DateTimeOffset now, List<OutboxEntry> planned)
    {
        if (!state.MatchUndecided || state.AppId is null || state.SalesforceId is null || state.AppDeleted || state.SalesforceDeleted)
        {
            return false;
        }

        state.MatchUndecided = false;
        var decision = rules.Connector.DecideMatch(rules.Config.Entity, new MatchedRecords
        {
            AppValues = Raw(state.AppValues),
            SalesforceValues = Raw(state.SalesforceValues),
            SalesforceCreatedAt = state.SalesforceCreatedAt,
            Now = now,
        });
        if (decision.Action == MatchAction.Link)
        {
            return false;
        }

        if (decision.Action == MatchAction.Reject && decision.AppValues.Count > 0)
        {
            var reject = NewEntry(state, Side.App, WriteKind.Update, now, decision.Reason ?? "the match was rejected");
            foreach (var (field, value) in decision.AppValues)
            {
                reject.Values[field] = Canonical.From(value);
            }

            Queue(state, reject, now, planned);
        }

        state.Status = PairStatus.Excluded;
        state.Note = decision.Reason ?? $"Matched an existing Salesforce record and was {(decision.Action == MatchAction.Skip ? "skipped" : "rejected")} by the connector.";
        return true;
    }

    /// <summary>A record that names its counterpart (the app id in a Salesforce external-id field, a stored Salesforce id) is the same record, not a match.</summary>
    private static bool NamesCounterpart(PairState state, Observation observation, MappingRules rules) => observation.Side == Side.Salesforce
        ? rules.Config.Match.ExternalIdField is { } externalId && observation.Values.GetValueOrDefault(externalId) == state.AppId
        : rules.Config.Match.SalesforceIdAppField is { } idField && !string.IsNullOrEmpty(observation.Values.GetValueOrDefault(idField));

    /// <summary>Notes why a record waits for a reference, or clears that note once it no longer does.</summary>
    /// <returns>Whether the record waits.</returns>
    private static bool Waits(PairState state, string? why)
    {
        if (why is not null)
        {
            state.Note = why;
            return true;
        }

        if (state.Note?.StartsWith(MappingRules.WaitingPrefix, StringComparison.Ordinal) == true)
        {
            state.Note = null;
        }

        return false;
    }

    private static void Queue(PairState state, OutboxEntry? entry, DateTimeOffset now, List<OutboxEntry> planned)
    {
        if (entry is null)
        {
            return;
        }

        SupersedeOpen(state, entry.Target, now);
        state.Outbox.Add(entry);
        planned.Add(entry);
    }

    private static OutboxEntry NewEntry(PairState state, Side target, WriteKind kind, DateTimeOffset now, string reason)
    {
        var sequence = state.NextSequence++;
        return new OutboxEntry
        {
            Sequence = sequence,
            Target = target,
            Kind = kind,
            State = OutboxState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            IdempotencyKey = $"{state.PairId}:{sequence}",
            Reason = reason,
        };
    }

    /// <summary>Earlier writes to the same side that were never confirmed are folded into the new plan (which recomputes everything against the base).</summary>
    private static void SupersedeOpen(PairState state, Side target, DateTimeOffset now)
    {
        foreach (var entry in state.Outbox)
        {
            if (entry.Target == target && entry.Kind != WriteKind.Create && entry.State is OutboxState.New or OutboxState.Pending or OutboxState.Failed)
            {
                entry.State = OutboxState.Merged;
                entry.UpdatedAt = now;
            }
        }
    }

    /// <summary>A Salesforce record matched a pair whose create the crash left unknown: it is the record the platform made.</summary>
    private static void SettleUnknownCreate(PairState state, DateTimeOffset? at)
    {
        foreach (var entry in state.Outbox.Where(e => e.State == OutboxState.NeedsReview && e.ErrorCode == OutcomeUnknown && e.Target == Side.Salesforce))
        {
            entry.State = OutboxState.Succeeded;
            entry.UpdatedAt = at ?? entry.UpdatedAt;
            entry.Error = null;
            entry.ErrorCode = null;
            entry.Reason += " (confirmed from the change feed after a stop)";
            Apply(state, entry, null);
        }
    }

    /// <summary>A pending update whose values the target already shows landed before a crash: settle it without sending it again.</summary>
    private static void SettleWritesAlreadyVisible(PairState state, DateTimeOffset now)
    {
        foreach (var entry in state.Outbox)
        {
            if (entry.State != OutboxState.Pending || entry.Kind != WriteKind.Update)
            {
                continue;
            }

            var seen = entry.Target == Side.App ? state.AppValues : state.SalesforceValues;
            if (entry.Values.All(kv => seen.TryGetValue(kv.Key, out var v) && v == kv.Value))
            {
                entry.State = OutboxState.Succeeded;
                entry.UpdatedAt = now;
                entry.Reason += " (confirmed from the change feed)";
                Apply(state, entry, null);
            }
        }
    }

    private static void Apply(PairState state, OutboxEntry entry, string? id)
    {
        var (targetValues, targetBase, sourceBase) = entry.Target == Side.App
            ? (state.AppValues, state.AppBase, state.SalesforceBase)
            : (state.SalesforceValues, state.SalesforceBase, state.AppBase);
        switch (entry.Kind)
        {
            case WriteKind.Create:
                if (entry.Target == Side.App)
                {
                    state.AppId = id ?? state.AppId;
                }
                else
                {
                    state.SalesforceId = id ?? state.SalesforceId;
                }

                break;
            case WriteKind.Delete:
                if (entry.Target == Side.App)
                {
                    state.AppDeleted = true;
                }
                else
                {
                    state.SalesforceDeleted = true;
                }

                state.Status = PairStatus.Deleted;
                return;
        }

        foreach (var (field, value) in entry.Values)
        {
            targetValues[field] = value;
            targetBase[field] = value;
        }

        foreach (var (field, value) in entry.Sources)
        {
            sourceBase[field] = value;
        }

        if (entry.Kind == WriteKind.Create)
        {
            UpdateLinkStatus(state);
        }
    }

    private static void UpdateLinkStatus(PairState state)
    {
        if (state.Status is PairStatus.Excluded or PairStatus.Broken or PairStatus.Deleted or PairStatus.Held)
        {
            return;
        }

        Reinstate(state);
    }

    /// <summary>
    /// Holds a linked pair whose pairing key no longer names its Salesforce record (changed or removed on either side)
    /// and releases it once the key matches again. An app record that never held the key is not held: the next plan
    /// gives it the key.
    /// </summary>
    /// <returns>Whether the pair is held.</returns>
    private static bool CheckPairingKey(PairState state, MappingRules rules, DateTimeOffset now)
    {
        if (state.Status is not (PairStatus.Linked or PairStatus.Held) || state.AppDeleted || state.SalesforceDeleted)
        {
            return false;
        }

        var problem = rules.PairingKeyMismatch(state.SalesforceId!, state.AppValues, state.AppBase, state.SalesforceValues);
        if (problem is null)
        {
            if (state.Status == PairStatus.Held)
            {
                state.Status = PairStatus.Linked;
                state.Note = null;
            }

            return false;
        }

        if (state.Status != PairStatus.Held)
        {
            // Writes decided before the key broke are dropped: on release the plan is recomputed against the merge base.
            SupersedeOpen(state, Side.App, now);
            SupersedeOpen(state, Side.Salesforce, now);
        }

        state.Status = PairStatus.Held;
        state.Note = problem;
        return true;
    }

    /// <summary>Puts a pair back in sync (after an exclusion or a retried failure): its status follows from the record ids it holds.</summary>
    public static void Reinstate(PairState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Status = (state.AppId, state.SalesforceId) switch
        {
            ({ }, { }) => PairStatus.Linked,
            (null, _) => PairStatus.SalesforceOnly,
            _ => PairStatus.AppOnly,
        };
    }

    private static void Trim(PairState state)
    {
        var closed = state.Outbox.Count(e => !e.IsOpen && e.State != OutboxState.NeedsReview);
        if (closed > HistoryLimit)
        {
            var remove = closed - HistoryLimit;
            state.Outbox.RemoveAll(e => !e.IsOpen && e.State != OutboxState.NeedsReview && remove-- > 0);
        }

        if (state.Conflicts.Count > HistoryLimit)
        {
            state.Conflicts.RemoveRange(0, state.Conflicts.Count - HistoryLimit);
        }
    }

    private static bool Set(string? current, string value, Action<string> set)
    {
        if (current == value)
        {
            return false;
        }

        set(value);
        return true;
    }

    private static bool Fold(Dictionary<string, string?> held, IReadOnlyDictionary<string, string?> reported)
    {
        var changed = false;
        foreach (var (field, value) in reported)
        {
            if (!held.TryGetValue(field, out var old) || old != value)
            {
                held[field] = value;
                changed = true;
            }
        }

        return changed;
    }

    private static Dictionary<string, object?> Raw(Dictionary<string, string?> values) =>
        values.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, values.Comparer);
}
