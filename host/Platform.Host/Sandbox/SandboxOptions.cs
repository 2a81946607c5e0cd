using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

namespace Platform.Host.Sandbox;

/// <summary>
/// Sandbox mode (section <c>Platform:Sandbox</c>): an in-process Salesforce emulator and sample app with demo data,
/// connected by a configured integration, so syncs show at once. On in the Development environment (<c>dotnet run</c>).
/// </summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Platform:Sandbox";

    /// <summary>Whether sandbox mode runs. Default: false (on in <c>appsettings.Development.json</c>).</summary>
    public bool Enabled { get; set; }

    /// <summary>The Salesforce emulator's loopback port (point jsforce or curl at it). Default: 8081; 0 lets the OS choose.</summary>
    public int SalesforcePort { get; set; } = 8081;

    /// <summary>The sample app's loopback port. Default: 8082; 0 lets the OS choose.</summary>
    public int AppPort { get; set; } = 8082;

    /// <summary>How often the sandbox integration syncs. Default: 10 seconds.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a demo user edits a record on one side or the other (so syncs keep showing); zero: never. Default: 20 seconds.</summary>
    public TimeSpan EditInterval { get; set; } = TimeSpan.FromSeconds(20);
}

internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        string?[] failures =
        [
            OptionsValidation.Port($"{SandboxOptions.SectionName}:SalesforcePort", options.SalesforcePort, allowZero: true),
            OptionsValidation.Port($"{SandboxOptions.SectionName}:AppPort", options.AppPort, allowZero: true),
            options.SyncInterval < TimeSpan.FromSeconds(1) ? $"{SandboxOptions.SectionName}:SyncInterval must be at least 00:00:01 (got {options.SyncInterval})." : null,
            options.EditInterval < TimeSpan.Zero ? $"{SandboxOptions.SectionName}:EditInterval must not be negative (got {options.EditInterval})." : null,
        ];
        var found = failures.OfType<string>().ToList();
        return found.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(found);
    }
}
