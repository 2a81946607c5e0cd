using Platform.Grains.Integrations;
using Platform.Salesforce;
using Platform.Sdk;
using Platform.Sync;

namespace Platform.Grains.Files;

/// <summary>
/// Publishes app files to Salesforce: each file as a ContentVersion linked to its record (multipart, streamed from the
/// app), and, when the connector asks, a Chatter post with it. A file is published once (the integration keeps the
/// ContentVersion id); every attempt is written to the sync log, a failed one to be tried again.
/// </summary>
internal sealed class FilePublisher(string integrationId, IAppFileSource source, SalesforceClient salesforce, IDictionary<string, string> published, ISyncLog log, TimeProvider time)
{
    public async Task<FileOutcome> PublishAsync(AppFile file, CancellationToken cancellationToken)
    {
        var key = $"{file.Entity}/{file.RecordId}/{file.Id}";
        if (published.TryGetValue(key, out var existing))
        {
            return Outcome(file, "already_published", contentVersion: existing);
        }

        if (file.SalesforceRecordId is not { Length: > 0 } target)
        {
            return await LoggedAsync(file, Outcome(file, "skipped", message: $"{file.Entity} {file.RecordId} is associated with no Salesforce record."), cancellationToken);
        }

        FileOutcome outcome;
        try
        {
            string contentVersion;
            await using (var content = await source.OpenFileAsync(file, cancellationToken))
            {
                contentVersion = await salesforce.UploadFileAsync(file.FileName, file.ContentType, content, target, cancellationToken);
            }

            published[key] = contentVersion;
            var feedItem = source.PostToChatter
                ? await salesforce.PostFileToChatterAsync(target, contentVersion, $"{file.FileName} was published from {file.Entity} {file.RecordId}.", cancellationToken)
                : null;
            outcome = Outcome(file, "published", contentVersion, feedItem);
        }
        catch (Exception e) when (e is SalesforceException or ConnectorException or HttpRequestException)
        {
            outcome = Outcome(file, "failed", message: e.Message);
        }

        return await LoggedAsync(file, outcome, cancellationToken);
    }

    private async Task<FileOutcome> LoggedAsync(AppFile file, FileOutcome outcome, CancellationToken cancellationToken)
    {
        await log.AppendAsync([new SyncLogEntry
        {
            At = time.GetUtcNow(),
            IntegrationId = integrationId,
            AppId = file.RecordId,
            SalesforceId = outcome.ContentVersionId ?? file.SalesforceRecordId,
            Target = Side.Salesforce,
            Operation = "publish",
            State = outcome.State == "published" ? "succeeded" : outcome.State,
            Message = $"File {file.FileName} ({file.Id}) of {file.Entity} {file.RecordId}" + (outcome.State == "published" ? $" published to {file.SalesforceRecordId}" : ""),
            Error = outcome.State == "failed" ? outcome.Message : null,
        }], cancellationToken);
        return outcome;
    }

    private static FileOutcome Outcome(AppFile file, string state, string? contentVersion = null, string? feedItem = null, string? message = null) => new()
    {
        FileId = file.Id,
        FileName = file.FileName,
        State = state,
        SalesforceRecordId = file.SalesforceRecordId,
        ContentVersionId = contentVersion,
        FeedItemId = feedItem,
        Message = message,
    };
}
