using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Host.Tests.Security;

/// <summary>The data-protection key ring that encrypts stored secrets, on disk beside the embedded database.</summary>
public sealed class KeyRingEncryptionTests
{
    [Fact]
    public async Task KeyRing_CertificateConfigured_StoredEncryptedAndSecretsReadAfterARestart()
    {
        using var data = new TempDirectory();
        using var certificates = new TempDirectory();
        var (certificate, _) = TestCertificates.WritePfx(certificates.Path, "secrets", "pfx-password");
        string[] settings = [$"Platform:Secrets:CertificatePath={certificate}", "Platform:Secrets:CertificatePassword=pfx-password"];
        await using var salesforce = await SalesforceEmulator.StartAsync();

        await using (var first = await RunningHost.StartAsync(data.Path, null, settings))
        {
            var instances = new InstanceService.InstanceServiceClient(first.Channel);
            await instances.CreateInstanceAsync(SampleIntegration.Instance("org", salesforce));
            (await instances.TestConnectionAsync(new TestConnectionRequest { Id = "org" })).Succeeded.ShouldBeTrue();
        }

        var keys = KeyFiles(data.Path);
        await using var second = await RunningHost.StartAsync(data.Path, null, settings);
        var afterRestart = await new InstanceService.InstanceServiceClient(second.Channel).TestConnectionAsync(new TestConnectionRequest { Id = "org" });

        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && !xml.Contains("<value>", StringComparison.Ordinal));
        afterRestart.Succeeded.ShouldBeTrue(string.Join("; ", afterRestart.Problems));
    }

    [Fact]
    public async Task KeyRing_NoCertificate_StoredUnencrypted()
    {
        using var data = new TempDirectory();
        await using var salesforce = await SalesforceEmulator.StartAsync();
        await using (var host = await RunningHost.StartAsync(data.Path))
        {
            await new InstanceService.InstanceServiceClient(host.Channel).CreateInstanceAsync(SampleIntegration.Instance("org", salesforce));
        }

        var keys = KeyFiles(data.Path);
        keys.ShouldNotBeEmpty();
        keys.ShouldAllBe(xml => xml.Contains("<value>", StringComparison.Ordinal));
    }

    private static List<string> KeyFiles(string data) => [.. Directory.GetFiles(Path.Combine(data, "keys"), "*.xml").Select(File.ReadAllText)];
}
