using Grpc.Core;

namespace Platform.Cli;

/// <summary>What the process exit code says, for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Success = 0;

    /// <summary>The command line was wrong (System.CommandLine's own code).</summary>
    public const int Usage = 1;

    /// <summary>The platform could not be reached.</summary>
    public const int Unavailable = 3;

    /// <summary>What the command names does not exist.</summary>
    public const int NotFound = 4;

    /// <summary>The platform refused the request as invalid (the message names the field).</summary>
    public const int Invalid = 5;

    /// <summary>No key, or a key without the role the command needs.</summary>
    public const int Denied = 6;

    /// <summary>Anything else the platform reported.</summary>
    public const int Failed = 7;

    /// <summary>The exit code for a failed call.</summary>
    public static int For(StatusCode status) => status switch
    {
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable,
        StatusCode.NotFound => NotFound,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.OutOfRange => Invalid,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => Denied,
        _ => Failed,
    };
}
