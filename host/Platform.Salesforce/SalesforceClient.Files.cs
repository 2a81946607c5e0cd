using System.Net.Http.Headers;
using System.Text.Json;

namespace Platform.Salesforce;

public sealed partial class SalesforceClient
{
    /// <summary>
    /// Uploads a file as a ContentVersion in one multipart request (the JSON entity part, then the binary VersionData
    /// part, streamed): up to 2 GB, where a JSON body with base64 stops at 37.5 MB. With <paramref name="publishTo"/> the
    /// new File is linked to that record (FirstPublishLocationId), as a File in its Notes and Attachments.
    /// </summary>
    /// <param name="fileName">Name with extension: the File's path on client; its title is the name without extension.</param>
    /// <param name="contentType">The file's MIME type.</param>
    /// <param name="content">The file's content, read once from its current position (a retry cannot resend it).</param>
    /// <param name="publishTo">The record to link the File to; null to keep it in the user's library.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The ContentVersion id.</returns>
    public async Task<string> UploadFileAsync(string fileName, string contentType, Stream content, string? publishTo, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        var entity = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string?>
        {
            ["Title"] = Path.GetFileNameWithoutExtension(fileName),
            ["PathOnClient"] = fileName,
            ["FirstPublishLocationId"] = publishTo,
        });
        var request = new SalesforceRequest(HttpMethod.Post, "sobjects/ContentVersion")
        {
            Content = () =>
            {
                var multipart = new MultipartFormDataContent($"platform-{Guid.NewGuid():N}");
                var json = new ByteArrayContent(entity);
                json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                multipart.Add(json, "entity_content");
                var data = new StreamContent(content);
                data.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
                multipart.Add(data, "VersionData", fileName);
                return multipart;
            },
        };
        var response = await _transport.SendAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Posts a File to a record's Chatter feed (a ContentPost FeedItem) and returns the FeedItem id.</summary>
    public Task<string> PostFileToChatterAsync(string recordId, string contentVersionId, string body, CancellationToken cancellationToken = default) =>
        CreateAsync("FeedItem", new Dictionary<string, object?>
        {
            ["ParentId"] = recordId,
            ["RelatedRecordId"] = contentVersionId,
            ["Type"] = "ContentPost",
            ["Body"] = body,
        }, cancellationToken);
}
