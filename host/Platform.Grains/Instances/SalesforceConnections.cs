using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Platform.Salesforce;

namespace Platform.Grains.Instances;

/// <summary>
/// The silo's Salesforce clients, one per instance and configuration version, so that sessions, describe caches and
/// the API budget are shared by every integration on the same org; and one per app user who connected their own
/// account (web-server flow) for lookups.
/// </summary>
public sealed partial class SalesforceConnections(ICredentialProtector protector, ILoggerFactory loggers, TimeProvider time) : IDisposable
{
    private const char UserSeparator = '\u001f';
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromMinutes(2) };
    private readonly ConcurrentDictionary<string, (string Stamp, Lazy<SalesforceClient> Client)> _clients = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<SalesforceConnections>();

    public SalesforceClient Get(InstanceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return GetOrReplace(config.Id, Stamp(config), () => Options(config));
    }

    /// <summary>The client that acts as an app user, with the refresh token they granted (as <see cref="ProtectToken"/> returned it).</summary>
    public SalesforceClient ForUser(InstanceConfig config, string userId, string protectedRefreshToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return GetOrReplace(config.Id + UserSeparator + userId, Stamp(config) + UserSeparator + protectedRefreshToken, () => Options(config) with
        {
            Credentials = new RefreshTokenCredentials(config.ClientId, ClientSecret(config), protector.Unprotect(protectedRefreshToken).RefreshToken ?? ""),
        });
    }

    /// <summary>The org's consent page, where a user grants the instance's connected app access to their own account.</summary>
    public static Uri AuthorizeUrl(InstanceConfig config, Uri redirectUri, string state)
    {
        ArgumentNullException.ThrowIfNull(config);
        return WebServerFlow.AuthorizeUrl(new Uri(config.LoginUrl), config.ClientId, redirectUri, state);
    }

    /// <summary>Exchanges the code the consent page returned; the session carries the user's refresh token.</summary>
    public Task<SalesforceSession> ExchangeCodeAsync(InstanceConfig config, string code, Uri redirectUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return WebServerFlow.ExchangeCodeAsync(_http, new Uri(config.LoginUrl), config.ClientId, ClientSecret(config), code, redirectUri, cancellationToken);
    }

    /// <summary>
    /// Drops a user's client and revokes their refresh token at Salesforce. A refusal or network failure is logged, not
    /// raised: the platform has already forgotten the connection, and Salesforce expires unused tokens by its policy.
    /// </summary>
    public async Task RevokeUserAsync(InstanceConfig config, string userId, string protectedRefreshToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        Remove(config.Id + UserSeparator + userId);
        try
        {
            await WebServerFlow.RevokeAsync(_http, new Uri(config.LoginUrl), protector.Unprotect(protectedRefreshToken).RefreshToken ?? "", cancellationToken);
        }
        catch (Exception e) when (e is SalesforceException or HttpRequestException)
        {
            LogRevokeFailed(_logger, config.Id, userId, e.Message);
        }
    }

    /// <summary>Encrypts a user's refresh token for storage.</summary>
    public string ProtectToken(string refreshToken) => protector.Protect(new InstanceSecrets { RefreshToken = refreshToken });

    /// <summary>Drops the instance's client and those of its users.</summary>
    public void Forget(string instanceId)
    {
        foreach (var key in _clients.Keys.Where(k => k == instanceId || k.StartsWith(instanceId + UserSeparator, StringComparison.Ordinal)))
        {
            Remove(key);
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
        var secrets = Secrets(config);
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

    private static string Stamp(InstanceConfig config) => config.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private InstanceSecrets Secrets(InstanceConfig config) =>
        string.IsNullOrEmpty(config.ProtectedSecrets) ? new InstanceSecrets() : protector.Unprotect(config.ProtectedSecrets);

    /// <summary>The connected app's secret, when the instance has one (JWT bearer instances do not; the app may then be a public client).</summary>
    private string? ClientSecret(InstanceConfig config) => Secrets(config).ClientSecret;

    private SalesforceClient GetOrReplace(string key, string stamp, Func<SalesforceConnectionOptions> options)
    {
        var entry = _clients.AddOrUpdate(
            key,
            _ => (stamp, Create(options)),
            (_, existing) =>
            {
                if (existing.Stamp == stamp)
                {
                    return existing;
                }

                if (existing.Client.IsValueCreated)
                {
                    existing.Client.Value.Dispose();
                }

                return (stamp, Create(options));
            });
        return entry.Client.Value;
    }

    private Lazy<SalesforceClient> Create(Func<SalesforceConnectionOptions> options) =>
        new(() => new SalesforceClient(_http, options(), loggers.CreateLogger<SalesforceClient>(), time));

    private void Remove(string key)
    {
        if (_clients.TryRemove(key, out var entry) && entry.Client.IsValueCreated)
        {
            entry.Client.Value.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Instance {InstanceId}: could not revoke the refresh token of user {UserId}: {Reason}")]
    private static partial void LogRevokeFailed(ILogger logger, string instanceId, string userId, string reason);
}
