using Microsoft.Extensions.Options;

namespace Platform.Host.Gateway;

/// <summary>The app gateway's settings (<c>Platform:Gateway</c>).</summary>
internal sealed class GatewayOptions
{
    public const string SectionName = "Platform:Gateway";

    /// <summary>How long a sync cycle waits for a connected app to acknowledge a write before leaving it queued. Default: 10 seconds.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a write stream looks for writes queued on other nodes. Default: 2 seconds.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The most writes a stream sends before the app acknowledges some. Default: 100.</summary>
    public int MaxUnacknowledged { get; set; } = 100;
}

/// <summary>Checks <c>Platform:Gateway</c> at start-up.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.WriteTimeout < TimeSpan.Zero || options.WriteTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Platform:Gateway:WriteTimeout must be between 0 and 00:05:00 (got {options.WriteTimeout}).");
        }

        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Platform:Gateway:PollInterval must be between 0 (exclusive) and 00:01:00 (got {options.PollInterval}).");
        }

        if (options.MaxUnacknowledged is < 1 or > 10_000)
        {
            failures.Add($"Platform:Gateway:MaxUnacknowledged must be between 1 and 10000 (got {options.MaxUnacknowledged}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
