using System.Net;
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

    /// <summary>Port for silo-to-silo traffic. Default: 11111; every silo sharing an address needs its own.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients; 0 disables the gateway (the control API is gRPC). Default: 0.</summary>
    public int GatewayPort { get; set; }

    /// <summary>
    /// How silos find each other: <see cref="SiloClustering.Localhost"/> (one silo, nothing to install) or
    /// <see cref="SiloClustering.Redis"/> (a cluster; membership and reminders on Redis, which needs PostgreSQL storage).
    /// Default: <c>Localhost</c>.
    /// </summary>
    public string Clustering { get; set; } = nameof(SiloClustering.Localhost);

    /// <summary>The clustering, once validated.</summary>
    internal SiloClustering ClusteringKind => Enum.Parse<SiloClustering>(Clustering, ignoreCase: true);

    /// <summary>The StackExchange.Redis connection string, e.g. <c>127.0.0.1:6379</c>. Required when <see cref="Clustering"/> is Redis.</summary>
    public string? Redis { get; set; }

    /// <summary>The IP address other silos reach this one on. Default: <c>127.0.0.1</c> (one machine).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>The IP address the silo listens on. Default: the advertised address; <c>0.0.0.0</c> inside a container.</summary>
    public string? ListenAddress { get; set; }
}

/// <summary>How silos find each other.</summary>
public enum SiloClustering
{
    /// <summary>A single silo on this machine: no membership store.</summary>
    Localhost,

    /// <summary>Membership and reminders on Redis: any number of silos.</summary>
    Redis,
}

internal sealed class SiloOptionsValidator : IValidateOptions<SiloOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        var clustering = Enum.TryParse<SiloClustering>(options.Clustering, ignoreCase: true, out var parsed) && !int.TryParse(options.Clustering, out _) ? parsed : (SiloClustering?)null;
        var failures = new[]
        {
            clustering is null ? $"{SiloOptions.SectionName}:Clustering must be Localhost or Redis (got '{options.Clustering}')." : null,
            OptionsValidation.Required($"{SiloOptions.SectionName}:ClusterId", options.ClusterId),
            OptionsValidation.Required($"{SiloOptions.SectionName}:ServiceId", options.ServiceId),
            OptionsValidation.Port($"{SiloOptions.SectionName}:SiloPort", options.SiloPort, allowZero: false),
            OptionsValidation.Port($"{SiloOptions.SectionName}:GatewayPort", options.GatewayPort, allowZero: true),
            clustering == SiloClustering.Redis ? OptionsValidation.Required($"{SiloOptions.SectionName}:Redis", options.Redis) : null,
            IpAddress($"{SiloOptions.SectionName}:AdvertisedAddress", options.AdvertisedAddress),
            options.ListenAddress is null ? null : IpAddress($"{SiloOptions.SectionName}:ListenAddress", options.ListenAddress),
        }.OfType<string>().ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string? IpAddress(string key, string? value) =>
        IPAddress.TryParse(value, out _) ? null : $"{key} must be an IP address, such as 127.0.0.1 (got '{value}').";
}
