using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce;

/// <summary>How an emulated org is set up. Every default matches a fresh Developer Edition org.</summary>
public sealed class SalesforceEmulatorOptions
{
    /// <summary>Where to listen. Default: <c>http://127.0.0.1:0</c> (a free loopback port).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:0";

    /// <summary>The instance URL handed out in token responses. Default: the address the emulator listens on.</summary>
    public string? InstanceUrl { get; set; }

    /// <summary>Data the org starts with (and returns to on reset). Default: none.</summary>
    public SeedDocument? Seed { get; set; }

    /// <summary>A seed file (JSON, <see cref="SeedDocument"/>), applied after <see cref="Seed"/>. Default: none.</summary>
    public string? SeedFile { get; set; }

    /// <summary>The daily API allocation. Default: 15,000.</summary>
    public int DailyApiRequests { get; set; } = 15_000;

    /// <summary>How long access tokens live. Default: 2 hours.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>The Lead/Contact e-mail duplicate rule. Default: off.</summary>
    public DuplicateRuleMode DuplicateRule { get; set; } = DuplicateRuleMode.Off;

    /// <summary>The newest API version served; every version from 31.0 up to it is accepted. Default: 66.0.</summary>
    public decimal MaxApiVersion { get; set; } = 66.0m;

    /// <summary>Whether the org is a sandbox. Default: <see langword="false"/>.</summary>
    public bool IsSandbox { get; set; }

    /// <summary>The default user's username. Default: <c>admin@example.com</c>.</summary>
    public string Username { get; set; } = "admin@example.com";

    /// <summary>The default user's password. Default: <c>emulator</c>.</summary>
    public string Password { get; set; } = "emulator";

    /// <summary>The default connected app's client id. Default: <c>platform-emulator</c>.</summary>
    public string ClientId { get; set; } = "platform-emulator";

    /// <summary>The default connected app's client secret. Default: <c>emulator-secret</c>.</summary>
    public string ClientSecret { get; set; } = "emulator-secret";

    /// <summary>The largest JSON request body accepted, in bytes. Default: 50 MB, as Salesforce's REST API.</summary>
    public long MaxJsonBodyBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The largest multipart (file) request accepted, in bytes. Default: 2 GB, as ContentVersion uploads.</summary>
    public long MaxMultipartBodyBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>
    /// Faults injected from the start (and again after each reset), e.g. from configuration
    /// <c>--Emulator:Faults:0:Kind=ServiceUnavailable --Emulator:Faults:0:Rate=0.05</c>. Default: none.
    /// </summary>
    public List<FaultRule> Faults { get; set; } = [];

    /// <summary>Seed of the random fault injection. Default: 1.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>The org's clock source. Default: the system clock.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
