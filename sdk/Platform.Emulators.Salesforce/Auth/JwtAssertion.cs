using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace Platform.Emulators.Salesforce.Auth;

/// <summary>Checks a JWT bearer assertion (RS256) as Salesforce's token endpoint does.</summary>
internal static class JwtAssertion
{
    /// <summary>Verifies <paramref name="assertion"/>; returns the OAuth error description, or null when it is valid.</summary>
    public static string? Verify(string assertion, ConnectedApp app, IReadOnlyCollection<string> audiences, DateTimeOffset now, out string? subject)
    {
        subject = null;
        var parts = assertion.Split('.');
        if (parts.Length != 3 || app.Certificate is null)
        {
            return "invalid assertion";
        }

        try
        {
            using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
            using var claims = JsonDocument.Parse(Base64UrlDecode(parts[1]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "RS256")
            {
                return "invalid assertion";
            }

            using var key = PublicKey(app.Certificate);
            var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
            if (!key.VerifyData(signed, Base64UrlDecode(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return "invalid assertion";
            }

            var root = claims.RootElement;
            if (!root.TryGetProperty("aud", out var aud) || !audiences.Contains(aud.GetString()?.TrimEnd('/') ?? "", StringComparer.OrdinalIgnoreCase))
            {
                return "audience is invalid";
            }

            if (!root.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || DateTimeOffset.FromUnixTimeSeconds(exp.GetInt64()) <= now)
            {
                return "expired authorization code";
            }

            subject = root.TryGetProperty("sub", out var sub) ? sub.GetString() : null;
            return subject is null ? "invalid assertion" : null;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or CryptographicException or ArgumentException)
        {
            return "invalid assertion";
        }
    }

    private static RSA PublicKey(string pem)
    {
        if (pem.Contains("CERTIFICATE", StringComparison.Ordinal))
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return certificate.GetRSAPublicKey() ?? throw new CryptographicException("The certificate has no RSA key.");
        }

        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
