using Platform.Testing;

namespace Platform.Host.Tests.Deployment;

/// <summary>
/// The repository's <c>docker-compose.yml</c> with <c>docker-compose.loopback.yml</c>, as README tells people to run it
/// where containers only have host networking: the platform image built by <c>deploy/build-image.sh</c>, three silos,
/// PostgreSQL, Redis and (profile <c>demo</c>) the Salesforce emulator. Taken down with its volumes on dispose.
/// </summary>
internal sealed class LoopbackComposeStack : IAsyncDisposable
{
    private const string Project = "platform-smoke";
    private const string Image = "platform-host:smoke-test";

    private readonly string[] _compose;
    private readonly Dictionary<string, string> _environment;

    private LoopbackComposeStack(string[] compose, Dictionary<string, string> environment)
    {
        _compose = compose;
        _environment = environment;
    }

    /// <summary>The silos' gRPC endpoints (docker-compose.loopback.yml).</summary>
    /// <summary>The admin key the stack's silos accept (<c>PLATFORM_ADMIN_KEY</c>).</summary>
    public static string AdminKey { get; } = ApiKeyChannel.NewAdminKey();

    public static IReadOnlyList<Uri> Silos { get; } = [new("http://127.0.0.1:15051"), new("http://127.0.0.1:15052"), new("http://127.0.0.1:15053")];

    /// <summary>The Salesforce emulator (profile demo).</summary>
    public static Uri Salesforce { get; } = new("http://127.0.0.1:17443");

    /// <summary>Why the stack cannot run here (to skip with), or null.</summary>
    public static async Task<string?> UnavailableReasonAsync() =>
        await DockerEngine.UnavailableReasonAsync()
        ?? (await ComposeCommandAsync() is null ? "Neither docker-compose nor the docker compose plugin is installed. .ci/run installs docker-compose." : null);

    /// <summary>Builds the platform image from this checkout and starts the stack (not waiting for health).</summary>
    public static async Task<LoopbackComposeStack> StartAsync()
    {
        var environment = new Dictionary<string, string>
        {
            ["PLATFORM_IMAGE"] = Image,
            ["POSTGRES_IMAGE"] = await LoopbackContainers.PostgresImageAsync(),
            ["REDIS_IMAGE"] = await LoopbackContainers.RedisImageAsync(),
            ["PLATFORM_ADMIN_KEY"] = AdminKey,
        };
        var build = await ExternalProcess.RunAsync(RepoPaths.Combine("deploy", "build-image.sh"), [], RepoPaths.Root, TimeSpan.FromMinutes(10), new Dictionary<string, string>
        {
            ["IMAGE"] = Image,
            ["BASE_IMAGE"] = await LoopbackContainers.DotnetImageAsync(),
        });
        build.ExitCode.ShouldBe(0, $"deploy/build-image.sh failed:\n{build.Output}\n{build.Error}");

        var stack = new LoopbackComposeStack([.. (await ComposeCommandAsync())!, "-p", Project, "-f", "docker-compose.yml", "-f", "docker-compose.loopback.yml", "--profile", "demo"], environment);
        await stack.RunAsync("down", "-v", "--remove-orphans");
        await stack.RunAsync("up", "-d", "--no-build");
        return stack;
    }

    /// <summary>Docker's health status of each service's container (healthy, starting, unhealthy).</summary>
    public async Task<IReadOnlyDictionary<string, string>> HealthAsync(params string[] services)
    {
        var health = new Dictionary<string, string>();
        foreach (var service in services)
        {
            var id = (await RunAsync("ps", "-q", service)).Trim();
            var inspect = await ExternalProcess.RunAsync("docker", ["inspect", "--format", "{{.State.Status}}/{{if .State.Health}}{{.State.Health.Status}}{{end}}", id], RepoPaths.Root, TimeSpan.FromSeconds(30));
            health[service] = inspect.Output.Trim();
        }

        return health;
    }

    /// <summary>The last lines each service logged, for a failure message.</summary>
    public Task<string> LogsAsync() => RunAsync("logs", "--no-color", "--tail", "60");

    public async ValueTask DisposeAsync() => await RunAsync("down", "-v", "--remove-orphans");

    private async Task<string> RunAsync(params string[] arguments)
    {
        var result = await ExternalProcess.RunAsync(_compose[0], [.. _compose[1..], .. arguments], RepoPaths.Root, TimeSpan.FromMinutes(3), _environment);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', _compose)} {string.Join(' ', arguments)} failed:\n{result.Output}\n{result.Error}");
        return result.Output;
    }

    private static async Task<string[]?> ComposeCommandAsync() =>
        await ExternalProcess.IsAvailableAsync("docker-compose") ? ["docker-compose"]
        : await ExternalProcess.IsAvailableAsync("docker", "compose") ? ["docker", "compose"]
        : null;
}
