namespace Platform.Grains.Instances;

/// <summary>Encrypts instance secrets at rest; the host implements it with its data-protection keys.</summary>
public interface ICredentialProtector
{
    string Protect(InstanceSecrets secrets);

    InstanceSecrets Unprotect(string protectedSecrets);
}
