using Microsoft.Extensions.Options;
using Platform.Grains.Access;

namespace Platform.Host.Access;

/// <summary>
/// Once the silo is active, gives a new deployment its first admin key: when no key was ever created and none is
/// configured, it writes a new key to <see cref="AccessOptions.FirstAdminKeyPath"/> (owner-only) before storing its hash,
/// so the key is never lost in between. The key itself is never logged, only where it is.
/// </summary>
internal sealed partial class FirstAdminKey(
    ApiKeyDirectory directory,
    IOptions<AccessOptions> options,
    FirstAdminKeyPath path,
    TimeProvider time,
    ILogger<FirstAdminKey> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle observer) =>
        observer.Subscribe<FirstAdminKey>(ServiceLifecycleStage.Active, CreateAsync);

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AdminKey is { Length: > 0 } || (await directory.ListAsync()).Count > 0)
        {
            return;
        }

        var (id, text) = ApiKeyToken.Create();
        Directory.CreateDirectory(Path.GetDirectoryName(path.Value)!);
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(path.Value, file))
        {
            await writer.WriteLineAsync(text.AsMemory(), cancellationToken);
        }

        var key = new ApiKeyRecord { Id = id, Name = "first admin key", Role = ApiKeyRole.Admin, SecretHash = ApiKeyToken.Hash(text), CreatedAt = time.GetUtcNow() };
        if (await directory.AddAsync(key, onlyFirst: true))
        {
            LogCreated(logger, path.Value);
        }
        else
        {
            // Another silo of the cluster created the first key at the same moment; its file holds the one that counts.
            File.Delete(path.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first admin API key and wrote it to {Path}. Keep it somewhere safe, then delete the file.")]
    private static partial void LogCreated(ILogger logger, string path);
}

/// <summary>Where the first admin key is written, resolved from the options and the storage.</summary>
internal sealed record FirstAdminKeyPath(string Value);
