using System.Text.RegularExpressions;
using Grpc.Core;

namespace Platform.Host.ControlApi;

/// <summary>Argument checks for control API requests. Every failure is <c>InvalidArgument</c> naming the field.</summary>
internal static partial class RequestValidation
{
    public static RpcException Invalid(string field, string problem) =>
        new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    public static RpcException NotFound(string what, string id) =>
        new(new Status(StatusCode.NotFound, $"{what} '{id}' was not found."));

    /// <summary>Checks a connector id: required, the manifest's id format.</summary>
    public static string ConnectorId(string field, string value)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Invalid(field, "is required.");
        }

        return IdPattern().IsMatch(value)
            ? value
            : throw Invalid(field, $"must be lower-case letters, digits and dashes, starting with a letter, at most 64 characters (got '{value}').");
    }

    /// <summary>Checks the id of a resource the API creates (instances, integrations): same rules as connector ids.</summary>
    public static string ResourceId(string field, string value) => ConnectorId(field, value);

    public static string Required(string field, string value) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(field, "is required.") : value;

    /// <summary>"production", "sandbox", or an https URL (http only for loopback emulators).</summary>
    public static Uri LoginHost(string field, string value)
    {
        switch (value)
        {
            case "" or null:
                throw Invalid(field, "is required: \"production\", \"sandbox\" or a My Domain URL.");
            case "production":
                return new Uri("https://login.salesforce.com");
            case "sandbox":
                return new Uri("https://test.salesforce.com");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw Invalid(field, $"must be \"production\", \"sandbox\" or an absolute https URL (got '{value}').");
        }

        return uri.Scheme == "http" && !uri.IsLoopback
            ? throw Invalid(field, $"must use https unless it is a local emulator (got '{value}').")
            : uri;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
