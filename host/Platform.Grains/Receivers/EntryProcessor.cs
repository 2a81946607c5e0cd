using Microsoft.Extensions.Logging;
using Platform.Grains.Events;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Receivers;

/// <summary>
/// Hands a saved entry to the connector's receiver and saves the outcome on it, in the sync log and, for reviews the
/// operator wants to hear about, on the event stream. A fault of the app that may pass (unreachable, refused credentials) leaves
/// the entry received, so the next cycle processes it again; any other fault fails it with the cause. Once the app refused
/// the credentials, later entries are left received without calling it (<see cref="Refused"/>).
/// </summary>
internal sealed partial class EntryProcessor(
    ISalesforceReceiver receiver,
    ReceiverConfig config,
    IEntryStore entries,
    ISyncLog log,
    SyncEventHub events,
    TimeProvider time,
    ILogger logger)
{
    /// <summary>Set when the app refused the connector's credentials: the caller pauses the integration.</summary>
    public ConnectorException? Refused { get; private set; }

    public async Task<ReceiverEntry> ProcessAsync(ReceiverEntry entry, CancellationToken cancellationToken)
    {
        if (Refused is not null)
        {
            return entry;
        }

        var result = await ReceiveAsync(entry, cancellationToken);
        entry = entry with
        {
            Status = result.Status,
            Message = result.Message,
            AppRecordIds = result.AppRecordIds ?? [],
            Attempts = entry.Attempts + 1,
            ProcessedAt = time.GetUtcNow(),
        };
        await entries.UpdateAsync(entry, CancellationToken.None);
        await log.AppendAsync([new SyncLogEntry
        {
            At = entry.ProcessedAt.Value,
            IntegrationId = entry.IntegrationId,
            SalesforceId = entry.TriggerId,
            AppId = entry.AppRecordIds.Count == 1 ? entry.AppRecordIds[0] : null,
            Target = Side.App,
            Operation = "receive",
            State = entry.Status.ToString().ToLowerInvariant(),
            Error = entry.Status == EntryStatus.Failed ? entry.Message : null,
            Message = $"Entry {entry.Id} ({entry.TriggerObject} {entry.TriggerId}, {entry.Action}): {entry.Message}",
        }], CancellationToken.None);
        LogProcessed(logger, entry.IntegrationId, entry.Id, entry.Status, entry.Message);
        if (entry.Status == EntryStatus.Review && config.NotifyOnReview)
        {
            events.Publish(new SyncEvent(time.GetUtcNow(), entry.IntegrationId, SyncEventKind.Review, $"Entry {entry.Id} needs review: {entry.Message}", EntryId: entry.Id));
        }

        return entry;
    }

    private async Task<EntryResult> ReceiveAsync(ReceiverEntry entry, CancellationToken cancellationToken)
    {
        var received = new ReceivedEntry
        {
            Id = entry.Id,
            Action = entry.Action,
            TriggerObject = entry.TriggerObject,
            TriggerId = entry.TriggerId,
            Values = entry.Values,
            People = entry.People,
            Approved = entry.Approved,
        };
        try
        {
            var result = await receiver.ProcessAsync(received, cancellationToken);
            return result.Status == EntryStatus.Received ? EntryResult.Failed("The connector left the entry unprocessed.") : result;
        }
        catch (ConnectorException e) when (e.Error.Kind is ConnectorErrorKind.Transient or ConnectorErrorKind.Unauthorized)
        {
            Refused ??= e.Error.Kind == ConnectorErrorKind.Unauthorized ? e : null;
            return new EntryResult(EntryStatus.Received, $"Not processed yet ({e.Message}); retried on the next cycle.");
        }
        catch (HttpRequestException e)
        {
            return new EntryResult(EntryStatus.Received, $"Not processed yet: the app is unreachable ({e.Message}); retried on the next cycle.");
        }
        catch (ConnectorException e)
        {
            return EntryResult.Failed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Integration {IntegrationId}: entry {EntryId} {Status}: {Outcome}")]
    private static partial void LogProcessed(ILogger logger, string integrationId, long entryId, EntryStatus status, string outcome);
}
