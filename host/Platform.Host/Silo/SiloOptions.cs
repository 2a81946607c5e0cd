using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

namespace Platform.Host.Silo;

/// <summary>The Orleans silo. Section <c>Platform:Silo</c>.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Silo";

    /// <summary>Identifies the cluster this silo joins. Default: <c>platform</c>.</summary>
    public string ClusterId { get; set; } = "platform";

    /// <summary>Identifies the service across deployments; part of every stored grain key, so never change it. Default: <c>platform</c>.</summary>
    public string ServiceId { get; set; } = "platform";

    /// <summary>Port for silo-to-silo traffic, on the loopback address. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients; 0 disables the gateway (the control API is gRPC). Default: 0.</summary>
    public int GatewayPort { get; set; }
}

internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var failures = new[]
        {
            OptionsValidation.Required($"{SiloOptions.SectionName}:ClusterId", options.ClusterId),
            OptionsValidation.Required($"{SiloOptions.SectionName}:ServiceId", options.ServiceId),
            OptionsValidation.Port($"{SiloOptions.SectionName}:SiloPort", options.SiloPort, allowZero: false),
            OptionsValidation.Port($"{SiloOptions.SectionName}:GatewayPort", options.GatewayPort, allowZero: true),
        }.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
