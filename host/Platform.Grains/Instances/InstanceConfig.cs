namespace Platform.Grains.Instances;

/// <summary>How the platform signs in to an org.</summary>
[GenerateSerializer]
public enum AuthKind
{
    JwtBearer,
    ClientCredentials,
    RefreshToken,

    /// <summary>Username and password: only against a local emulator.</summary>
    Password,
}

/// <summary>A Salesforce instance (org connection) as configured. Secrets are held only in <see cref="ProtectedSecrets"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record InstanceConfig
{
    [Id(0)] public required string Id { get; init; }

    [Id(1)] public required string Name { get; init; }

    /// <summary>https://login.salesforce.com, https://test.salesforce.com or a My Domain URL.</summary>
    [Id(2)] public required string LoginUrl { get; init; }

    [Id(3)] public required AuthKind Auth { get; init; }

    [Id(4)] public required string ClientId { get; init; }

    [Id(5)] public string? Username { get; init; }

    /// <summary>The secrets (client secret, private key, refresh token, password) encrypted with the host's data-protection keys.</summary>
    [Id(6)] public string ProtectedSecrets { get; init; } = "";

    [Id(7)] public string? BusinessUnit { get; init; }

    [Id(8)] public TimeSpan SyncInterval { get; init; } = TimeSpan.FromMinutes(1);

    [Id(9)] public bool Enabled { get; init; } = true;

    /// <summary>The share of the org's daily API allocation this platform may use, 0–1. Default: 0.5.</summary>
    [Id(10)] public double BudgetShare { get; init; } = 0.5;

    [Id(11)] public string ApiVersion { get; init; } = "60.0";

    /// <summary>Bumped on every change, so cached clients know they are stale.</summary>
    [Id(12)] public long Version { get; init; }
}

/// <summary>The secrets of an instance, in clear; only ever held in memory.</summary>
public sealed record InstanceSecrets
{
    public string? ClientSecret { get; init; }

    public string? PrivateKeyPem { get; init; }

    public string? RefreshToken { get; init; }

    public string? Password { get; init; }

    public override string ToString() => "InstanceSecrets { redacted }";
}

/// <summary>How an instance is doing.</summary>
[GenerateSerializer, Immutable]
public sealed record InstanceStatus
{
    [Id(0)] public bool Connected { get; init; }

    [Id(1)] public DateTimeOffset? LastConnectedAt { get; init; }

    [Id(2)] public string? LastError { get; init; }

    [Id(3)] public DateTimeOffset? LastErrorAt { get; init; }

    [Id(4)] public long? ApiUsed { get; init; }

    [Id(5)] public long? ApiAllocated { get; init; }

    [Id(6)] public double BudgetShare { get; init; }

    /// <summary>Why Salesforce work is paused (budget spent, authentication refused), or null.</summary>
    [Id(7)] public string? PausedReason { get; init; }
}

/// <summary>The outcome of "test connection".</summary>
[GenerateSerializer, Immutable]
public sealed record ConnectionTestResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] IReadOnlyList<string> Problems,
    [property: Id(2)] string? OrgId,
    [property: Id(3)] string? InstanceUrl,
    [property: Id(4)] long? ApiUsed,
    [property: Id(5)] long? ApiAllocated);
