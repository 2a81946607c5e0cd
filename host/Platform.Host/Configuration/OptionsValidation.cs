using System.Net;

namespace Platform.Host.Configuration;

/// <summary>Checks shared by the options validators; every message names the configuration key.</summary>
internal static class OptionsValidation
{
    /// <summary>Checks an <c>http://address:port</c> listen URL whose host is an IP literal or <c>localhost</c>.</summary>
    public static string? ListenUrl(string key, string? value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            return $"{key} must be an http URL with an address and a port, such as http://127.0.0.1:8080 (got '{value}').";
        }

        return uri.IsLoopback || IPAddress.TryParse(uri.Host, out _)
            ? null
            : $"{key} must name an IP address or localhost, not a host name (got '{uri.Host}').";
    }

    public static string? Port(string key, int value, bool allowZero) =>
        value is < 0 or > 65535 || (value == 0 && !allowZero)
            ? $"{key} must be a port between {(allowZero ? 0 : 1)} and 65535 (got {value})."
            : null;

    public static string? Required(string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? $"{key} is required." : null;
}
