using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Sdk;

namespace Platform.Connectors.Responsive;

/// <summary>
/// Responsive's ext/v1 API: polls projects and intakes by update time (search, with a keyset cursor of time and id),
/// reads single records, and writes one record per call. A create carries the write's idempotency key in the project's
/// external id, so a create repeated after a lost answer finds the project the first one made.
/// </summary>
internal sealed class ResponsiveClient(HttpClient http, Uri apiRoot, string token, PackagePublishing publishing, TimeProvider time) : IAppClient, IAppFileSource
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

            var rows = (await SendAsync(HttpMethod.Post, $"{Collection(entity)}/search", search, cancellationToken))!["content"]!.AsArray();
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
        await SendAsync(HttpMethod.Get, $"{Collection(entity)}/{Number(id)}", null, cancellationToken, allowNotFound: true) is JsonObject row
            ? ResponsiveValues.FromRow(entity, row)
            : null;

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        var results = new List<AppWriteResult>(writes.Count);
        foreach (var write in writes)
        {
            results.Add(await WriteOneAsync(entity, write, cancellationToken));
        }

        return results;
    }

    public async Task<IReadOnlyList<string>> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Post, "projects/search", new JsonObject { ["page"] = 0, ["size"] = 1 }, cancellationToken);
            return [];
        }
        catch (ConnectorException e)
        {
            return [$"Responsive API at {apiRoot}: {e.Message}"];
        }
        catch (HttpRequestException e)
        {
            return [$"Responsive API at {apiRoot} is unreachable: {e.Message}"];
        }
    }

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
    public async Task<Stream> OpenFileAsync(AppFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiRoot, $"projects/{Number(file.RecordId)}/exports/{Number(file.Id)}/download"));
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new ConnectorException(await ErrorAsync(response, cancellationToken));
            }
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>A project's exported response packages, each addressed to the project's associated Salesforce record.</summary>
    private async Task<IReadOnlyList<AppFile>> PackagesAsync(AppRecord project, CancellationToken cancellationToken)
    {
        var rows = await SendAsync(HttpMethod.Get, $"projects/{Number(project.Id)}/exports", null, cancellationToken);
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
        try
        {
            switch (write.Kind)
            {
                case AppWriteKind.Delete:
                    return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "NOT_SUPPORTED", Message = "Responsive's API does not delete projects or intakes; archive them in Responsive." }, write.Id);
                case AppWriteKind.Update:
                    await SendAsync(HttpMethod.Post, $"{Collection(entity)}/{Number(write.Id!)}/update", ResponsiveValues.ToBody(entity, write.Values), cancellationToken);
                    return AppWriteResult.Success(write.Id!);
                default:
                    var body = ResponsiveValues.ToBody(entity, write.Values);
                    var externalId = ResponsiveValues.CreatedFromSalesforcePrefix + write.IdempotencyKey;
                    body["externalId"] = externalId;
                    var found = await SendAsync(HttpMethod.Post, $"{Collection(entity)}/search", new JsonObject { ["externalId"] = externalId, ["page"] = 0, ["size"] = 1 }, cancellationToken);
                    if (found!["content"]!.AsArray().FirstOrDefault() is JsonObject existing)
                    {
                        return AppWriteResult.Success(existing["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
                    }

                    var created = await SendAsync(HttpMethod.Post, $"{Collection(entity)}/create", body, cancellationToken);
                    return AppWriteResult.Success(created!["id"]!.GetValue<long>().ToString(CultureInfo.InvariantCulture));
            }
        }
        catch (ConnectorException e) when (e.Error.Kind != ConnectorErrorKind.Unauthorized)
        {
            // One record's failure is its own: the records before it are written and keep their results.
            return AppWriteResult.Failure(e.Error, write.Id);
        }
        catch (HttpRequestException e)
        {
            return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Transient, Code = "UNREACHABLE", Message = $"Responsive is unreachable: {e.Message}" }, write.Id);
        }
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(apiRoot, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await http.SendAsync(request, cancellationToken);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ConnectorException(await ErrorAsync(response, cancellationToken));
        }

        return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    private static async Task<ConnectorError> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            message = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["message"]?.GetValue<string>();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status alone says enough.
        }

        return ConnectorError.FromHttpStatus("Responsive", (int)response.StatusCode, message ?? response.ReasonPhrase);
    }

    /// <summary>Ids are numbers; anything else is refused here rather than sent into a URL.</summary>
    private static long Number(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        ? number
        : throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "INVALID_ID", Message = $"'{id}' is not a Responsive id." });

    private static string Collection(string entity) => ResponsiveSchema.Of(entity).Name + "s";
}

/// <summary>How exported response packages reach Salesforce: automatically or per project on request; as Files, or as Files and a Chatter post.</summary>
internal sealed record PackagePublishing(bool Auto, bool Chatter);
