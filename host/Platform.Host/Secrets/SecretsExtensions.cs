using Microsoft.AspNetCore.DataProtection;
using Platform.Host.Configuration;

namespace Platform.Host.Secrets;

internal static class SecretsExtensions
{
    /// <summary>
    /// Encrypts the data-protection key ring (which protects Salesforce credentials, refresh tokens and connector API keys in
    /// storage) with the configured certificate, so a copy of the data alone reveals no secret. Storage chose where the
    /// key ring lives (<see cref="Storage.StorageExtensions.AddPlatformStorage"/>).
    /// </summary>
    public static WebApplicationBuilder AddPlatformSecrets(this WebApplicationBuilder builder)
    {
        var options = builder.AddValidatedOptions<SecretsOptions, SecretsOptionsValidator>(SecretsOptions.SectionName);
        if (options.LoadCertificate() is { } certificate)
        {
            builder.Services.AddDataProtection()
                .ProtectKeysWithCertificate(certificate)
                .UnprotectKeysWithAnyCertificate(certificate);
        }

        return builder;
    }
}
