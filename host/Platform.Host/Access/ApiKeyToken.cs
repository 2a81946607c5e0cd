using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Host.Access;

/// <summary>
/// The text of an API key: <c>plk_</c>, a public id (12 hex digits) that finds the stored key, <c>_</c>, and a secret of
/// 256 random bits (base64url). The prefix lets secret scanners recognise a leaked key.
/// </summary>
internal static class ApiKeyToken
{
    private const string Prefix = "plk_";
    private const int IdLength = 12;
    private const int SecretBytes = 32;

    /// <summary>A new key: its id, and the whole text to hand to the caller once.</summary>
    public static (string Id, string Text) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2));
        return (id, $"{Prefix}{id}_{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}");
    }

    /// <summary>The id in a key's text; null when the text is not shaped like a key.</summary>
    public static string? IdOf(string text) =>
        text.Length > Prefix.Length + IdLength + 1 && text.StartsWith(Prefix, StringComparison.Ordinal) && text[Prefix.Length + IdLength] == '_'
            ? text.Substring(Prefix.Length, IdLength)
            : null;

    /// <summary>What is stored of a key: SHA-256 of its whole text, lower-case hex.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Compares two hashes (a presented key's, a stored one) in constant time.</summary>
    public static bool SameHash(string presented, string stored) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(stored));
}
