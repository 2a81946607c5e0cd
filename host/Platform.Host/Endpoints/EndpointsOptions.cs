using Microsoft.Extensions.Options;
using Platform.Host.Configuration;

namespace Platform.Host.Endpoints;

/// <summary>Where the host listens. Section <c>Platform:Endpoints</c>.</summary>
public sealed class EndpointsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Endpoints";

    /// <summary>The gRPC endpoint (HTTP/2 only). Default: <c>http://127.0.0.1:50051</c>.</summary>
    public string Grpc { get; set; } = "http://127.0.0.1:50051";

    /// <summary>The HTTP/1.1 endpoint for health and metrics. Default: <c>http://127.0.0.1:8080</c>.</summary>
    public string Http { get; set; } = "http://127.0.0.1:8080";
}

internal sealed class EndpointsOptionsValidator : IValidateOptions<EndpointsOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointsOptions options)
    {
        List<string?> failures =
        [
            OptionsValidation.ListenUrl($"{EndpointsOptions.SectionName}:Grpc", options.Grpc),
            OptionsValidation.ListenUrl($"{EndpointsOptions.SectionName}:Http", options.Http),
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
