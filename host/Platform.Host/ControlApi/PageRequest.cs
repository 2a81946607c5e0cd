using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Platform.Host.ControlApi;

/// <summary>
/// A validated page of a list request. Page tokens are opaque to clients (base64url of an offset and the list they
/// belong to), so the server can change how it pages without breaking them.
/// </summary>
internal readonly record struct PageRequest(int Offset, int Size)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    public static PageRequest Parse(int pageSize, string pageToken, string list)
    {
        if (pageSize is < 0 or > MaxSize)
        {
            throw RequestValidation.Invalid("page_size", $"must be between 0 and {MaxSize} (got {pageSize}).");
        }

        var size = pageSize == 0 ? DefaultSize : pageSize;
        if (string.IsNullOrEmpty(pageToken))
        {
            return new PageRequest(0, size);
        }

        var parts = Decode(pageToken)?.Split(':');
        return parts is [var tokenList, var offsetText] && tokenList == list
            && int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? new PageRequest(offset, size)
            : throw RequestValidation.Invalid("page_token", "is not a token this list returned.");
    }

    /// <summary>The token for the page after this one, or empty when <paramref name="total"/> items end here.</summary>
    public string NextToken(int total, string list) =>
        Offset + Size >= total
            ? ""
            : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{list}:{Offset + Size}")));

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
