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

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$")]
    private static partial Regex IdPattern();
}
