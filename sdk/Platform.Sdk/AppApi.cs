using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Sdk;

/// <summary>
/// A vendor's JSON REST API as an app client calls it: requests relative to one root with the account's
/// <c>Authorization</c> header, failures as <see cref="ConnectorException"/> classified by HTTP status (with the
/// vendor's <c>message</c>, when its error body has one), writes one record at a time where one record's failure is its
/// own, and a connection check that reports problems instead of throwing.
/// </summary>
/// <param name="http">The host's client (<see cref="ConnectorContext.HttpClient"/>).</param>
/// <param name="root">The API root, ending with <c>/</c>; request paths are relative to it.</param>
/// <param name="appName">The vendor's name, as messages show it (e.g. <c>Referral Rock</c>).</param>
/// <param name="authorization">The <c>Authorization</c> header's value (e.g. <c>Bearer …</c>). Never logged.</param>
public sealed class AppApi(HttpClient http, Uri root, string appName, string authorization)
{
    /// <summary>The API root.</summary>
    public Uri Root => root;

    /// <summary>Sends a request with an optional JSON body and reads the JSON answer.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path (and query) relative to <see cref="Root"/>.</param>
    /// <param name="body">The JSON body; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="allowNotFound">Answer <see langword="null"/> for 404 instead of throwing. Default: <see langword="false"/>.</param>
    /// <returns>The answer's JSON; <see langword="null"/> for 204 (or an allowed 404).</returns>
    /// <exception cref="ConnectorException">The API answered with an error status.</exception>
    /// <exception cref="HttpRequestException">The API could not be reached.</exception>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool allowNotFound = false)
    {
        using var request = Request(method, path);
        request.Content = body is null ? null : JsonContent.Create(body);
        using var response = await http.SendAsync(request, cancellationToken);
        if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await EnsureSuccessAsync(response, cancellationToken);
        return response.StatusCode == HttpStatusCode.NoContent ? null : await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken);
    }

    /// <summary>Opens a download as a stream, without buffering it (files can be large); the caller disposes it.</summary>
    /// <param name="path">The path relative to <see cref="Root"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConnectorException">The API answered with an error status.</exception>
    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, path);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            await EnsureSuccessAsync(response, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>
    /// Writes records one by one. A record refused by the API, or one the API could not be reached for (transient),
    /// gets a failed result and the next record is still written; refused credentials stop the batch, since every
    /// record would fail the same way.
    /// </summary>
    /// <param name="writes">The writes.</param>
    /// <param name="write">Writes one record.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <returns>One result per write, in order.</returns>
    public async Task<IReadOnlyList<AppWriteResult>> WriteEachAsync(IReadOnlyList<AppWrite> writes, Func<AppWrite, CancellationToken, Task<AppWriteResult>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(write);
        var results = new List<AppWriteResult>(writes.Count);
        foreach (var one in writes)
        {
            try
            {
                results.Add(await write(one, cancellationToken));
            }
            catch (ConnectorException e) when (e.Error.Kind != ConnectorErrorKind.Unauthorized)
            {
                results.Add(AppWriteResult.Failure(e.Error, one.Id));
            }
            catch (HttpRequestException e)
            {
                results.Add(AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Transient, Code = "UNREACHABLE", Message = $"{appName} is unreachable: {e.Message}" }, one.Id));
            }
        }

        return results;
    }

    /// <summary>Runs a cheap request and reports what went wrong, for <see cref="IAppClient.CheckConnectionAsync"/>.</summary>
    /// <param name="probe">The request.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>No problems, or one naming the API and the cause.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            await probe(cancellationToken);
            return [];
        }
        catch (ConnectorException e)
        {
            return [$"{appName} API at {root}: {e.Message}"];
        }
        catch (HttpRequestException e)
        {
            return [$"{appName} API at {root} is unreachable: {e.Message}"];
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(root, path));
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        string? message = null;
        try
        {
            var node = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))?["message"];
            message = node is null ? null : node.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : node.ToJsonString();
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page, say): the status alone says enough.
        }

        throw new ConnectorException(ConnectorError.FromHttpStatus(appName, (int)response.StatusCode, message ?? response.ReasonPhrase));
    }
}
