using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

namespace Platform.Host.Endpoints;

/// <summary>Where the host listens. Section <c>Platform:Endpoints</c>.</summary>
public sealed class EndpointsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Endpoints";

    /// <summary>The gRPC endpoint (HTTP/2 only); <c>https://</c> with <see cref="GrpcCertificatePath"/> for TLS. Default: <c>http://127.0.0.1:50051</c>.</summary>
    public string Grpc { get; set; } = "http://127.0.0.1:50051";

    /// <summary>The gRPC endpoint's TLS certificate (a .pfx file); required when <see cref="Grpc"/> is https. Default: none.</summary>
    public string? GrpcCertificatePath { get; set; }

    /// <summary>The .pfx file's password, if it has one. Default: none.</summary>
    public string? GrpcCertificatePassword { get; set; }

    /// <summary>Whether the gRPC endpoint uses TLS.</summary>
    internal bool GrpcTls => Grpc.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The HTTP/1.1 endpoint for health and metrics. Default: <c>http://127.0.0.1:8080</c>.</summary>
    public string Http { get; set; } = "http://127.0.0.1:8080";
}

internal sealed class EndpointsOptionsValidator : IValidateOptions<EndpointsOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointsOptions options)
    {
        List<string?> failures =
        [
            OptionsValidation.ListenUrl($"{EndpointsOptions.SectionName}:Grpc", options.Grpc, allowHttps: true),
            OptionsValidation.ListenUrl($"{EndpointsOptions.SectionName}:Http", options.Http),
            options.GrpcTls
                ? OptionsValidation.Certificate($"{EndpointsOptions.SectionName}:GrpcCertificatePath", options.GrpcCertificatePath, options.GrpcCertificatePassword)
                : options.GrpcCertificatePath is null ? null : $"{EndpointsOptions.SectionName}:GrpcCertificatePath needs an https {EndpointsOptions.SectionName}:Grpc endpoint (got '{options.Grpc}').",
        ];
        if (failures.TrueForAll(f => f is null) && new Uri(options.Grpc).Port == new Uri(options.Http).Port && new Uri(options.Grpc).Port != 0)
        {
            // Kestrel cannot serve cleartext HTTP/2 (gRPC) and HTTP/1.1 on one port.
            failures.Add($"{EndpointsOptions.SectionName}:Grpc and {EndpointsOptions.SectionName}:Http must use different ports.");
        }

        var errors = failures.OfType<string>().ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
