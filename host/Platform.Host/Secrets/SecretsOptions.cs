using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Platform.Host.Secrets;

/// <summary>How the keys that encrypt stored secrets are themselves protected. Section <c>Platform:Secrets</c>.</summary>
public sealed class SecretsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Secrets";

    /// <summary>
    /// A PKCS#12 (.pfx) file whose certificate encrypts the data-protection key ring at rest; every silo of a cluster needs
    /// the same one. Default: none, and the key ring is stored unencrypted beside the data (the host warns).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one. Default: none.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Loads the certificate; null when none is configured.</summary>
    internal X509Certificate2? LoadCertificate() =>
        CertificatePath is null ? null : X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword, X509KeyStorageFlags.EphemeralKeySet);
}

internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options)
    {
        const string Key = $"{SecretsOptions.SectionName}:CertificatePath";
        if (options.CertificatePath is null)
        {
            return ValidateOptionsResult.Success;
        }

        if (!File.Exists(options.CertificatePath))
        {
            return ValidateOptionsResult.Fail($"{Key} names a file that does not exist: {options.CertificatePath}");
        }

        try
        {
            using var certificate = options.LoadCertificate()!;
            return certificate.HasPrivateKey
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Key} must hold the certificate's private key (a .pfx file): {options.CertificatePath}");
        }
        catch (CryptographicException e)
        {
            return ValidateOptionsResult.Fail($"{Key} could not be read as a .pfx file with {SecretsOptions.SectionName}:CertificatePassword: {e.Message}");
        }
    }
}
