namespace Platform.Sdk;

/// <summary>
/// Implemented (beside <see cref="IAppClient"/>) by an app client whose records carry files the platform publishes to
/// Salesforce as Files (e.g. Responsive's exported response packages, published to the associated Opportunity). The host
/// publishes each file once: as a ContentVersion linked to <see cref="AppFile.SalesforceRecordId"/>, and, when
/// <see cref="PostToChatter"/> is set, as a Chatter post on that record too.
/// </summary>
public interface IAppFileSource
{
    /// <summary>Publish new files every cycle (<see langword="true"/>) or only when an operator asks for a record's files.</summary>
    bool AutoPublish { get; }

    /// <summary>Also post each published file to the record's Chatter feed (a FeedItem with the file).</summary>
    bool PostToChatter { get; }

    /// <summary>Reads files added since <paramref name="cursor"/>, oldest first.</summary>
    /// <param name="cursor">The <see cref="AppFilePage.Cursor"/> of the previous page, or <see langword="null"/> to start from now (files added before are not listed).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<AppFilePage> GetNewFilesAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>Lists every file of one record.</summary>
    /// <param name="entity">The record's entity.</param>
    /// <param name="id">The record's app id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The files; <see langword="null"/> when the app has no such record.</returns>
    Task<IReadOnlyList<AppFile>?> ListFilesAsync(string entity, string id, CancellationToken cancellationToken);

    /// <summary>Opens a file's content for reading; the caller disposes the stream. Not buffered: files can be large.</summary>
    /// <param name="file">A file from <see cref="GetNewFilesAsync"/> or <see cref="ListFilesAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Stream> OpenFileAsync(AppFile file, CancellationToken cancellationToken);
}

/// <summary>A file attached to an app record.</summary>
public sealed record AppFile
{
    /// <summary>The file's id, unique in the app.</summary>
    public required string Id { get; init; }

    /// <summary>The entity of the record the file belongs to.</summary>
    public required string Entity { get; init; }

    /// <summary>The app id of the record the file belongs to.</summary>
    public required string RecordId { get; init; }

    /// <summary>The file's name, with its extension (the Salesforce File's title and path).</summary>
    public required string FileName { get; init; }

    /// <summary>MIME type. Default: <c>application/octet-stream</c>.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Size in bytes, when the app knows it.</summary>
    public long? Size { get; init; }

    /// <summary>When the file was added to the record.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The Salesforce record the file is published to; <see langword="null"/> when the record is associated with none (the file is then not published).</summary>
    public string? SalesforceRecordId { get; init; }
}

/// <summary>A page of new files.</summary>
public sealed record AppFilePage
{
    /// <summary>The files, oldest first; may be empty.</summary>
    public required IReadOnlyList<AppFile> Files { get; init; }

    /// <summary>Where the next read resumes.</summary>
    public required string? Cursor { get; init; }

    /// <summary>More files may follow at once.</summary>
    public bool HasMore { get; init; }
}
