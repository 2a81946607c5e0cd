using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

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
    internal X509Certificate2? LoadCertificate() => CertificatePath is null ? null : OptionsValidation.LoadCertificate(CertificatePath, CertificatePassword);
}

internal sealed class SecretsOptionsValidator : IValidateOptions<SecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, SecretsOptions options) =>
        options.CertificatePath is not null && OptionsValidation.Certificate($"{SecretsOptions.SectionName}:CertificatePath", options.CertificatePath, options.CertificatePassword) is { } failure
            ? ValidateOptionsResult.Fail(failure)
            : ValidateOptionsResult.Success;
}
