using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Platform.Grains.Instances;

namespace Platform.Host.Sync;

/// <summary>Encrypts instance secrets with ASP.NET Core data protection (keys kept beside the database).</summary>
internal sealed class DataProtectionCredentialProtector(IDataProtectionProvider provider) : ICredentialProtector
{
    private readonly IDataProtector _protector = provider.CreateProtector("Platform.Instances.Secrets.v1");

    public string Protect(InstanceSecrets secrets) => _protector.Protect(JsonSerializer.Serialize(secrets));

    public InstanceSecrets Unprotect(string protectedSecrets) =>
        JsonSerializer.Deserialize<InstanceSecrets>(_protector.Unprotect(protectedSecrets)) ?? new InstanceSecrets();
}
