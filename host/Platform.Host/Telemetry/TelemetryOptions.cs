using Microsoft.Extensions.Options;

namespace Platform.Host.Telemetry;

/// <summary>Metrics and traces. Section <c>Platform:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Platform:Telemetry";

    /// <summary>
    /// Where traces and metrics are also sent by OTLP (gRPC), e.g. <c>http://127.0.0.1:4317</c>. Default: none; metrics are
    /// always scraped from <c>/metrics</c> on the HTTP endpoint.
    /// </summary>
    public string? OtlpEndpoint { get; set; }
}

internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.OtlpEndpoint is null || (Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TelemetryOptions.SectionName}:OtlpEndpoint must be an http or https URL, such as http://127.0.0.1:4317 (got '{options.OtlpEndpoint}').");
}
