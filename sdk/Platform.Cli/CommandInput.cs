using Google.Protobuf;

namespace Platform.Cli;

/// <summary>What commands read besides flags: request files, <c>field=value</c> pairs, and every page of a list.</summary>
internal static class CommandInput
{
    /// <summary>
    /// Reads a request message from a JSON file in protobuf's JSON mapping (field names as in the .proto or camelCase), or
    /// from standard input when <paramref name="path"/> is <c>-</c>.
    /// </summary>
    public static async Task<T> ReadMessageAsync<T>(string path, CancellationToken cancellationToken)
        where T : IMessage<T>, new()
    {
        string text;
        try
        {
            text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken) : await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException($"--file: {e.Message}");
        }

        try
        {
            return JsonParser.Default.Parse<T>(text);
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidJsonException)
        {
            throw new InputException($"--file: {path} is not a {new T().Descriptor.Name} in JSON: {e.Message}");
        }
    }

    /// <summary>Parses <c>field=value</c> pairs (<paramref name="option"/> names the flag in errors).</summary>
    public static IReadOnlyDictionary<string, string> Pairs(string option, IEnumerable<string>? values)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values ?? [])
        {
            var split = value.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0)
            {
                throw new InputException($"{option} takes field=value (got '{value}').");
            }

            pairs[value[..split]] = value[(split + 1)..];
        }

        return pairs;
    }

    /// <summary>Reads pages (each asked with the previous one's next-page token) until there is no next one or <paramref name="limit"/> items are in (0: no limit).</summary>
    public static async Task<List<T>> AllPagesAsync<TPage, T>(Func<string, Task<TPage>> page, Func<TPage, IEnumerable<T>> items, Func<TPage, string> nextPageToken, int limit = 0)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var answer = await page(token);
            all.AddRange(items(answer));
            token = nextPageToken(answer);
        }
        while (token.Length > 0 && (limit <= 0 || all.Count < limit));

        return limit > 0 && all.Count > limit ? all[..limit] : all;
    }
}

/// <summary>A file or value given on the command line is wrong; the message names the flag.</summary>
internal sealed class InputException(string message) : Exception(message);
