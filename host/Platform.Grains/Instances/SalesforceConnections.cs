using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Salesforce;

namespace Platform.Grains.Instances;

/// <summary>
/// The silo's Salesforce clients, one per instance and configuration version, so that sessions, describe caches and
/// the API budget are shared by every integration on the same org.
/// </summary>
public sealed class SalesforceConnections(ICredentialProtector protector, ILoggerFactory loggers, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly ConcurrentDictionary<string, (long Version, Lazy<SalesforceClient> Client)> _clients = new(StringComparer.Ordinal);

    public SalesforceClient Get(InstanceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var entry = _clients.AddOrUpdate(
            config.Id,
            _ => (config.Version, new Lazy<SalesforceClient>(() => Create(config))),
            (_, existing) =>
            {
                if (existing.Version == config.Version)
                {
                    return existing;
                }

                if (existing.Client.IsValueCreated)
                {
                    existing.Client.Value.Dispose();
                }

                return (config.Version, new Lazy<SalesforceClient>(() => Create(config)));
            });
        return entry.Client.Value;
    }

    public void Forget(string instanceId)
    {
        if (_clients.TryRemove(instanceId, out var entry) && entry.Client.IsValueCreated)
        {
            entry.Client.Value.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var (_, entry) in _clients)
        {
            if (entry.Client.IsValueCreated)
            {
                entry.Client.Value.Dispose();
            }
        }

        _http.Dispose();
    }

    /// <summary>Builds the client's options from a configuration (secrets decrypted only here, in memory).</summary>
    public SalesforceConnectionOptions Options(InstanceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var secrets = string.IsNullOrEmpty(config.ProtectedSecrets) ? new InstanceSecrets() : protector.Unprotect(config.ProtectedSecrets);
        SalesforceCredentials credentials = config.Auth switch
        {
            AuthKind.JwtBearer => new JwtBearerCredentials(config.ClientId, config.Username ?? "", secrets.PrivateKeyPem ?? ""),
            AuthKind.ClientCredentials => new ClientCredentialsCredentials(config.ClientId, secrets.ClientSecret ?? ""),
            AuthKind.RefreshToken => new RefreshTokenCredentials(config.ClientId, secrets.ClientSecret, secrets.RefreshToken ?? ""),
            _ => new PasswordCredentials(config.ClientId, secrets.ClientSecret ?? "", config.Username ?? "", secrets.Password ?? ""),
        };
        return new SalesforceConnectionOptions
        {
            LoginUrl = new Uri(config.LoginUrl),
            Credentials = credentials,
            ApiVersion = config.ApiVersion,
            BudgetShare = config.BudgetShare,
            ClientName = "Platform",
        };
    }

    private SalesforceClient Create(InstanceConfig config) =>
        new(_http, Options(config), loggers.CreateLogger<SalesforceClient>(), time);
}
