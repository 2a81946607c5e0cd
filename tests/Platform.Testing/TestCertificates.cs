using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Testing;

/// <summary>Self-signed certificates for tests, valid for 127.0.0.1.</summary>
public static class TestCertificates
{
    /// <summary>Writes a new certificate with its private key as <c>name.pfx</c> in <paramref name="directory"/>; returns its path and the certificate.</summary>
    public static (string Path, X509Certificate2 Certificate) WritePfx(string directory, string name, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = System.IO.Path.Combine(directory, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return (path, X509CertificateLoader.LoadCertificate(certificate.Export(X509ContentType.Cert)));
    }
}
