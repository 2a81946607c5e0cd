using System.Net;

namespace Platform.Host.Configuration;

/// <summary>Checks shared by the options validators; every message names the configuration key.</summary>
internal static class OptionsValidation
{
    /// <summary>Checks an <c>http://address:port</c> (or, where allowed, <c>https://</c>) listen URL whose host is an IP literal or <c>localhost</c>.</summary>
    public static string? ListenUrl(string key, string? value, bool allowHttps = false)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttp || (allowHttps && uri.Scheme == Uri.UriSchemeHttps)) || uri.AbsolutePath != "/")
        {
            return $"{key} must be an {(allowHttps ? "http or https" : "http")} URL with an address and a port, such as http://127.0.0.1:8080 (got '{value}').";
        }

        return uri.IsLoopback || IPAddress.TryParse(uri.Host, out _)
            ? null
            : $"{key} must name an IP address or localhost, not a host name (got '{uri.Host}').";
    }

    public static string? Port(string key, int value, bool allowZero) =>
        value is < 0 or > 65535 || (value == 0 && !allowZero)
            ? $"{key} must be a port between {(allowZero ? 0 : 1)} and 65535 (got {value})."
            : null;

    /// <summary>Checks that <paramref name="path"/> is a .pfx file that opens with <paramref name="password"/> and holds a private key.</summary>
    public static string? Certificate(string key, string? path, string? password)
    {
        if (!File.Exists(path))
        {
            return $"{key} names a file that does not exist: {path}";
        }

        try
        {
            using var certificate = LoadCertificate(path, password);
            return certificate.HasPrivateKey ? null : $"{key} must hold the certificate's private key (a .pfx file): {path}";
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            return $"{key} could not be read as a .pfx file with its password: {e.Message}";
        }
    }

    /// <summary>Loads a .pfx file (checked by <see cref="Certificate"/>).</summary>
    public static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(string path, string? password) =>
        System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(path, password, System.Security.Cryptography.X509Certificates.X509KeyStorageFlags.EphemeralKeySet);

    public static string? Required(string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"{key} is required." : null;
}
