using System.Globalization;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// Responsive's ext/v1 API: polls projects and intakes by update time (search, with a keyset cursor of time and id),
/// reads single records, and writes one record per call. A create carries the write's idempotency key in the project's
/// external id, so a create repeated after a lost answer finds the project the first one made.
/// </summary>
internal sealed class ResponsiveClient(AppApi api, PackagePublishing publishing, TimeProvider time) : IAppClient, IAppFileSource
{
    private const int PageSize = 200;

    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        var position = KeysetCursor.Parse(cursor);
        var changes = new List<AppChange>(Math.Min(maxCount, PageSize));
        var next = cursor;
        for (var page = 0; changes.Count < maxCount; page++)
        {
            var search = new JsonObject { ["page"] = page, ["size"] = PageSize };
            if (position is { } p)
            {
                search["updatedSince"] = p.ModifiedAt.ToString("O", CultureInfo.InvariantCulture);
            }

            var rows = (await api.SendAsync(HttpMethod.Post, $"{Collection(entity)}/search", search, cancellationToken))!["content"]!.AsArray();
            foreach (var row in rows.OfType<JsonObject>())
            {
                var record = ResponsiveValues.FromRow(entity, row);
                if (!KeysetCursor.IsAfter(position, record.ModifiedAt!.Value, record.Id) || changes.Count == maxCount)
                {
                    continue;
                }

                changes.Add(new AppChange { Id = record.Id, Kind = AppChangeKind.Upserted, OccurredAt = record.ModifiedAt, Record = record });
                next = new KeysetCursor(record.ModifiedAt.Value, record.Id).ToString();
            }

            if (rows.Count < PageSize)
            {
                break;
            }
        }

        return new AppChangePage { Changes = changes, Cursor = next, HasMore = changes.Count == maxCount };
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken) =>
        await api.SendAsync(HttpMethod.Get, $"{Collection(entity)}/{Number(id)}", null, cancellationToken, allowNotFound: true) is JsonObject row
            ? ResponsiveValues.FromRow(entity, row)
            : null;

    public Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken) =>
        api.WriteEachAsync(writes, (write, token) => WriteOneAsync(entity, write, token), cancellationToken);

    public Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken) =>
        api.CheckAsync(token => api.SendAsync(HttpMethod.Post, "projects/search", new JsonObject { ["page"] = 0, ["size"] = 1 }, token), cancellationToken);

    public bool AutoPublish => publishing.Auto;

    public bool PostToChatter => publishing.Chatter;

    /// <summary>Packages exported since the cursor: an export touches its project, so the projects updated since then are searched.</summary>
    public async Task<AppFilePage> GetNewFilesAsync(string? cursor, CancellationToken cancellationToken)
    {
        if (KeysetCursor.Parse(cursor) is not { } position)
        {
            return new AppFilePage { Files = [], Cursor = new KeysetCursor(time.GetUtcNow(), "").ToString() };
        }

        var files = new List<AppFile>();
        var changes = await GetChangesAsync(ResponsiveSchema.Project.Name, new KeysetCursor(position.ModifiedAt, "").ToString(), PageSize, cancellationToken);
        foreach (var change in changes.Changes)
        {
            files.AddRange((await PackagesAsync(change.Record!, cancellationToken)).Where(f => KeysetCursor.IsAfter(position, f.CreatedAt, f.Id)));
        }

        files.Sort((a, b) => (a.CreatedAt, a.Id).CompareTo((b.CreatedAt, b.Id)));
        var next = files.Count > 0 ? new KeysetCursor(files[^1].CreatedAt, files[^1].Id).ToString() : cursor;
        return new AppFilePage { Files = files, Cursor = next, HasMore = changes.HasMore };
    }

    public async Task<IReadOnlyList<AppFile>?> ListFilesAsync(string entity, string id, CancellationToken cancellationToken) =>
        entity == ResponsiveSchema.Project.Name && await GetAsync(entity, id, cancellationToken) is { } project
            ? await PackagesAsync(project, cancellationToken)
            : null;

    /// <summary>Opens a package's content as a stream (not buffered: packages can be large).</summary>
    public Task<Stream> OpenFileAsync(AppFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return api.OpenReadAsync($"projects/{Number(file.RecordId)}/exports/{Number(file.Id)}/download", cancellationToken);
    }

    /// <summary>A project's exported response packages, each addressed to the project's associated Salesforce record.</summary>
    private async Task<IReadOnlyList<AppFile>> PackagesAsync(AppRecord project, CancellationToken cancellationToken)
    {
        var rows = await api.SendAsync(HttpMethod.Get, $"projects/{Number(project.Id)}/exports", null, cancellationToken);
        return [.. rows!.AsArray().OfType<JsonObject>().Select(r => new AppFile
        {
            Id = r["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture),
            Entity = ResponsiveSchema.Project.Name,
            RecordId = project.Id,
            FileName = r["fileName"]!.GetValue<string>(),
            ContentType = r["contentType"]!.GetValue<string>(),
            Size = r["size"]!.GetValue<long>(),
            CreatedAt = r["exportedAt"]!.GetValue<DateTimeOffset>(),
            SalesforceRecordId = project.Values.GetValueOrDefault("salesforceRecordId") as string,
        })];
    }

    private async Task<AppWriteResult> WriteOneAsync(string entity, AppWrite write, CancellationToken cancellationToken)
    {
        switch (write.Kind)
        {
            case AppWriteKind.Delete:
                return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "NOT_SUPPORTED", Message = "Responsive's API does not delete projects or intakes; archive them in Responsive." }, write.Id);
            case AppWriteKind.Update:
                await api.SendAsync(HttpMethod.Post, $"{Collection(entity)}/{Number(write.Id!)}/update", ResponsiveValues.ToBody(entity, write.Values), cancellationToken);
                return AppWriteResult.Success(write.Id!);
            default:
                var body = ResponsiveValues.ToBody(entity, write.Values);
                var externalId = ResponsiveValues.CreatedFromSalesforcePrefix + write.IdempotencyKey;
                body["externalId"] = externalId;
                var found = await api.SendAsync(HttpMethod.Post, $"{Collection(entity)}/search", new JsonObject { ["externalId"] = externalId, ["page"] = 0, ["size"] = 1 }, cancellationToken);
                if (found!["content"]!.AsArray().FirstOrDefault() is JsonObject existing)
                {
                    return AppWriteResult.Success(existing["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
                }

                var created = await api.SendAsync(HttpMethod.Post, $"{Collection(entity)}/create", body, cancellationToken);
                return AppWriteResult.Success(created!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Ids are numbers; anything else is refused here rather than sent into a URL.</summary>
    private static long Number(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "INVALID_ID", Message = $"'{id}' is not a Responsive id." });

    private static string Collection(string entity) => ResponsiveSchema.Of(entity).Name + "s";
}

/// <summary>How exported response packages reach Salesforce: automatically or per project on request; as Files, or as Files and a Chatter post.</summary>
internal sealed record PackagePublishing(bool Auto, bool Chatter);
