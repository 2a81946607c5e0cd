using Google.Protobuf.WellKnownTypes;
using Platform.Grains.Integrations;
using Platform.Sync;
using V1 = Platform.Control.V1;

namespace Platform.Host.ControlApi;

/// <summary>Converts integrations between control API messages and the engine's model.</summary>
internal static class IntegrationMapper
{
    public static Direction FromMessage(V1.SyncDirection direction) => direction switch
    {
        V1.SyncDirection.None => Direction.None,
        V1.SyncDirection.ToSalesforce => Direction.ToSalesforce,
        V1.SyncDirection.ToApp => Direction.ToApp,
        _ => Direction.Both,
    };

    /// <summary>The engine's directions are the SDK's, value for value.</summary>
    public static V1.SyncDirection ToMessage(Direction direction) => ConnectorMapper.ToMessage((Sdk.SyncDirection)(int)direction);

    public static Direction FromSdk(Sdk.SyncDirection direction) => (Direction)(int)direction;

    public static ObjectMappingConfig FromMessage(V1.ObjectMappingConfig m) => new()
    {
        Name = string.IsNullOrEmpty(m.Name) ? m.Entity : m.Name,
        Entity = m.Entity,
        SalesforceObject = m.SalesforceObject,
        Direction = FromMessage(m.Direction),
        Fields = [.. m.Fields.Select(f => new FieldMappingConfig
        {
            AppField = f.AppField,
            SalesforceField = f.SalesforceField,
            Direction = FromMessage(f.Direction),
            FirstSyncOnly = f.FirstSyncOnly,
            ValueMap = new Dictionary<string, string>(f.ValueMap),
            ReferenceMapping = Empty(f.ReferenceMapping),
            Display = f.Display is { } d ? new FieldDisplay { Visible = d.Visible, Editable = d.Editable, Order = d.Order } : null,
        })],
        Filters = [.. m.Filters.Select(f => new RecordFilter { Side = f.Side == V1.Side.App ? Side.App : Side.Salesforce, Field = f.Field, Values = [.. f.Values], Exclude = f.Exclude })],
        Match = new MatchRule
        {
            ExternalIdField = Empty(m.Match?.ExternalIdField),
            SalesforceIdAppField = Empty(m.Match?.SalesforceIdAppField),
            KeyFields = [.. (m.Match?.KeyFields ?? []).Select(k => new MatchKeyField(k.AppField, k.SalesforceField))],
            SalesforceKeyField = Empty(m.Match?.SalesforceKeyField) is { } key && !key.Equals("Id", StringComparison.OrdinalIgnoreCase) ? key : null,
        },
        ConflictPolicy = m.ConflictPolicy switch
        {
            V1.ConflictPolicy.AppIsMaster => ConflictPolicyKind.AppIsMaster,
            V1.ConflictPolicy.LastWriterWins => ConflictPolicyKind.LastWriterWins,
            _ => ConflictPolicyKind.SalesforceIsMaster,
        },
        DeletePolicy = m.DeletePolicy switch
        {
            V1.DeletePolicy.Delete => DeletePolicy.Delete,
            V1.DeletePolicy.Mark => DeletePolicy.Mark,
            _ => DeletePolicy.Ignore,
        },
        DeleteMarkAppField = Empty(m.DeleteMarkAppField),
        DeleteMarkSalesforceField = Empty(m.DeleteMarkSalesforceField),
        DeleteMarkValue = Empty(m.DeleteMarkValue),
    };

    /// <summary>The connector's default mapping as the engine's model.</summary>
    public static ObjectMappingConfig FromSdk(Sdk.ObjectMapping m) => new()
    {
        Name = m.Entity,
        Entity = m.Entity,
        SalesforceObject = m.SalesforceObject,
        Direction = FromSdk(m.Direction),
        Fields = [.. m.Fields.Select(f => new FieldMappingConfig
        {
            AppField = f.EntityField,
            SalesforceField = f.SalesforceField,
            Direction = FromSdk(f.Direction),
            FirstSyncOnly = f.FirstSyncOnly,
            ValueMap = f.ValueMap,
        })],
        Match = new MatchRule
        {
            SalesforceIdAppField = m.SalesforceIdEntityField,
            ExternalIdField = m.SalesforceExternalIdField,
            KeyFields = [.. m.MatchEntityFields.Select(name => new MatchKeyField(name, m.Fields.First(f => f.EntityField == name).SalesforceField))],
        },
        DeletePolicy = m.DeletesFollow ? DeletePolicy.Delete : DeletePolicy.Ignore,
    };

    public static V1.Integration ToMessage(IntegrationSnapshot snapshot, IntegrationStatus status, IReadOnlyDictionary<PairStatus, long> pairs)
    {
        var config = snapshot.Config;
        var message = new V1.Integration
        {
            Id = config.Id,
            InstanceId = config.InstanceId,
            ConnectorId = config.ConnectorId,
            DisplayName = config.DisplayName,
            Enabled = config.Enabled,
            Version = snapshot.Version,
            Schedule = new V1.Schedule
            {
                Interval = Duration.FromTimeSpan(config.Schedule.Interval),
                StartAt = Timestamps.From(config.Schedule.StartAt),
                ActivityWindow = config.Schedule.ActivityWindow is { } w ? Duration.FromTimeSpan(w) : null,
            },
            Status = new V1.IntegrationStatus
            {
                Paused = status.Paused,
                PausedReason = status.PausedReason ?? "",
                LastCycleAt = Timestamps.From(status.LastCycleAt),
                LastSuccessAt = Timestamps.From(status.LastSuccessAt),
                LastError = status.LastError ?? "",
                Cycles = status.Counters.Cycles,
                RecordsRead = status.Counters.RecordsRead,
                WritesToSalesforce = status.Counters.WritesToSalesforce,
                WritesToApp = status.Counters.WritesToApp,
                Failures = status.Counters.Failures,
                Conflicts = status.Counters.Conflicts,
                Running = status.Running,
                LastSalesforceConnectionAt = Timestamps.From(status.LastSuccessAt),
                LastEntryReceivedAt = Timestamps.From(status.LastEntryReceivedAt),
                Matching = status.Matching,
                Silo = status.Silo,
            },
            Receiver = config.Receiver is { } receiver ? ToMessage(receiver) : null,
        };
        message.Settings.Add(Sync.SecretSettings.Masked(config.Settings));
        message.Mappings.AddRange(config.Mappings.Select(ToMessage));
        foreach (var (pairStatus, count) in pairs)
        {
            message.Status.PairsByStatus[pairStatus.ToString()] = count;
        }

        return message;
    }

    public static V1.CycleReport ToMessage(CycleReport report) => new()
    {
        RecordsRead = report.RecordsRead,
        WritesToSalesforce = report.WritesToSalesforce,
        WritesToApp = report.WritesToApp,
        Failures = report.Failures,
        Conflicts = report.Conflicts,
        Skipped = report.Skipped ?? "",
        SalesforceApiCalls = report.SalesforceApiCalls,
        EntriesReceived = report.EntriesReceived,
    };

    /// <summary>The receiver as the engine's model; <see cref="ReceiverValidator"/> checks it first.</summary>
    public static ReceiverConfig FromMessage(V1.Receiver receiver) => new()
    {
        Triggers = [.. receiver.Triggers.Select(t => new ReceiverTrigger { Object = t.Object, Field = t.Field, Value = t.Value, Action = t.Action })],
        Fields = [.. receiver.Fields.Select(f => new ReceiverField { Name = f.Name, Object = f.Source[..f.Source.IndexOf('.', StringComparison.Ordinal)], SalesforceField = f.Source[(f.Source.IndexOf('.', StringComparison.Ordinal) + 1)..] })],
        People = receiver.People == V1.PeopleScope.AccountContacts ? PeopleScope.AccountContacts : PeopleScope.Related,
        NotifyOnReview = !receiver.HasNotifyOnReview || receiver.NotifyOnReview,
    };

    private static V1.Receiver ToMessage(ReceiverConfig receiver)
    {
        var message = new V1.Receiver
        {
            People = receiver.People == PeopleScope.AccountContacts ? V1.PeopleScope.AccountContacts : V1.PeopleScope.Related,
            NotifyOnReview = receiver.NotifyOnReview,
        };
        message.Triggers.AddRange(receiver.Triggers.Select(t => new V1.ReceiverTrigger { Object = t.Object, Field = t.Field, Value = t.Value, Action = t.Action }));
        message.Fields.AddRange(receiver.Fields.Select(f => new V1.ReceiverFieldConfig { Name = f.Name, Source = f.Source }));
        return message;
    }

    private static V1.ObjectMappingConfig ToMessage(ObjectMappingConfig m)
    {
        var message = new V1.ObjectMappingConfig
        {
            Name = m.Name,
            Entity = m.Entity,
            SalesforceObject = m.SalesforceObject,
            Direction = ToMessage(m.Direction),
            Match = new V1.MatchRule { ExternalIdField = m.Match.ExternalIdField ?? "", SalesforceIdAppField = m.Match.SalesforceIdAppField ?? "", SalesforceKeyField = m.Match.SalesforceKeyField ?? "" },
            ConflictPolicy = m.ConflictPolicy switch
            {
                ConflictPolicyKind.AppIsMaster => V1.ConflictPolicy.AppIsMaster,
                ConflictPolicyKind.LastWriterWins => V1.ConflictPolicy.LastWriterWins,
                _ => V1.ConflictPolicy.SalesforceIsMaster,
            },
            DeletePolicy = m.DeletePolicy switch { DeletePolicy.Delete => V1.DeletePolicy.Delete, DeletePolicy.Mark => V1.DeletePolicy.Mark, _ => V1.DeletePolicy.Ignore },
            DeleteMarkAppField = m.DeleteMarkAppField ?? "",
            DeleteMarkSalesforceField = m.DeleteMarkSalesforceField ?? "",
            DeleteMarkValue = m.DeleteMarkValue ?? "",
        };
        message.Match.KeyFields.AddRange(m.Match.KeyFields.Select(k => new V1.MatchKeyField { AppField = k.AppField, SalesforceField = k.SalesforceField }));
        message.Filters.AddRange(m.Filters.Select(f =>
        {
            var filter = new V1.RecordFilter { Side = f.Side == Side.App ? V1.Side.App : V1.Side.Salesforce, Field = f.Field, Exclude = f.Exclude };
            filter.Values.AddRange(f.Values);
            return filter;
        }));
        message.Fields.AddRange(m.Fields.Select(f =>
        {
            var field = new V1.FieldMappingConfig { AppField = f.AppField, SalesforceField = f.SalesforceField, Direction = ToMessage(f.Direction), FirstSyncOnly = f.FirstSyncOnly, ReferenceMapping = f.ReferenceMapping ?? "" };
            if (f.Display is { } display)
            {
                field.Display = new V1.FieldDisplay { Visible = display.Visible, Editable = display.Editable, Order = display.Order };
            }

            field.ValueMap.Add(f.ValueMap.ToDictionary());
            return field;
        }));
        return message;
    }

    /// <summary>
    /// Fills in <see cref="FieldMappingConfig.ReferenceMapping"/> for app fields that reference an entity (SDK
    /// <c>ReferenceTo</c>) when exactly one other mapping of the integration maps that entity.
    /// </summary>
    public static ObjectMappingConfig[] InferReferences(IReadOnlyList<ObjectMappingConfig> mappings, Sdk.ConnectorDefinition definition) =>
        [.. mappings.Select(mapping => mapping with
        {
            Fields = [.. mapping.Fields.Select(field =>
            {
                var referenced = definition.Entities.FirstOrDefault(e => e.Name == mapping.Entity)?.FindField(field.AppField)?.ReferenceTo;
                var targets = mappings.Where(m => m != mapping && m.Entity == referenced).ToArray();
                return field.ReferenceMapping is null && targets.Length == 1 ? field with { ReferenceMapping = targets[0].Name } : field;
            })],
        })];

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
