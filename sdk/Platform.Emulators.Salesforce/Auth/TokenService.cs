using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce.Auth;

/// <summary>Issues and checks access tokens, refresh tokens and authorization codes.</summary>
internal sealed class TokenService(EmulatorClock clock, string orgId)
{
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _issued = new();

    /// <summary>How long an access token lives. Default: 2 hours, Salesforce's default session timeout.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A session; <paramref name="refreshToken"/> is the refresh token it was obtained with, whose revocation ends it too.</summary>
    public Session Issue(UserAccount user, ConnectedApp app, string? refreshToken = null)
    {
        var now = clock.UtcNow;
        var session = new Session($"{orgId[..15]}!AQ{Random(96)}", user.UserId, app.ClientId, now, now + TokenLifetime) { RefreshToken = refreshToken };
        _sessions[session.Token] = session;
        _issued.Enqueue(session.Token);
        return session;
    }

    public string IssueRefreshToken(UserAccount user, ConnectedApp app)
    {
        var token = "5Aep861" + Random(80);
        _refreshTokens[token] = new Grant(user.UserId, app.ClientId, null, clock.UtcNow.AddYears(10));
        _issued.Enqueue(token);
        return token;
    }

    /// <summary>Every access and refresh token issued so far, expired or revoked ones included.</summary>
    public IReadOnlyCollection<string> Issued => _issued;

    public string IssueCode(UserAccount user, ConnectedApp app, string? redirectUri)
    {
        var code = "aPrx" + Random(60);
        _codes[code] = new Grant(user.UserId, app.ClientId, redirectUri, clock.UtcNow.AddMinutes(15));
        return code;
    }

    /// <summary>The live session for a bearer token, or null when it is unknown, revoked or expired.</summary>
    public Session? Find(string token) =>
        _sessions.TryGetValue(token, out var session) && session.ExpiresAt > clock.UtcNow ? session : null;

    public Grant? RedeemRefreshToken(string token, string clientId) =>
        _refreshTokens.TryGetValue(token, out var grant) && grant.ClientId == clientId ? grant : null;

    /// <summary>Authorization codes work once.</summary>
    public Grant? RedeemCode(string code, string clientId) =>
        _codes.TryRemove(code, out var grant) && grant.ClientId == clientId && grant.ExpiresAt > clock.UtcNow ? grant : null;

    /// <summary>Revokes an access token, or a refresh token and every session obtained with it (as Salesforce does).</summary>
    public void Revoke(string token)
    {
        _sessions.TryRemove(token, out _);
        if (_refreshTokens.TryRemove(token, out _))
        {
            foreach (var session in _sessions.Values.Where(s => s.RefreshToken == token))
            {
                _sessions.TryRemove(session.Token, out _);
            }
        }
    }

    /// <summary>How many refresh tokens a user holds (for any connected app).</summary>
    public int RefreshTokenCount(string userId) => _refreshTokens.Values.Count(g => g.UserId == userId);

    /// <summary>Ends every session now (refresh tokens stay valid), so clients must refresh.</summary>
    public int ExpireSessions()
    {
        var count = _sessions.Count;
        _sessions.Clear();
        return count;
    }

    public void RevokeAll()
    {
        _sessions.Clear();
        _refreshTokens.Clear();
        _codes.Clear();
    }

    /// <summary>Salesforce's token signature: Base64(HMAC-SHA256(client secret, id + issued_at)).</summary>
    public static string Signature(string identityUrl, string issuedAt, string clientSecret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), Encoding.UTF8.GetBytes(identityUrl + issuedAt)));

    public static string IssuedAt(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    private static string Random(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    public sealed record Session(string Token, string UserId, string ClientId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
    {
        public string? RefreshToken { get; init; }
    }

    public sealed record Grant(string UserId, string ClientId, string? RedirectUri, DateTimeOffset ExpiresAt);
}
