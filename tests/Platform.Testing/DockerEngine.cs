using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using DotNet.Testcontainers.Configurations;

namespace Platform.Testing;

/// <summary>
/// The Docker engine that container tests use (<c>DOCKER_HOST</c>, else <c>/var/run/docker.sock</c>). Tests ask
/// <see cref="UnavailableReasonAsync"/> first and skip with its answer when no engine is reachable.
/// </summary>
public static class DockerEngine
{
    private static readonly Lazy<Task<string?>> Probe = new(ProbeAsync);

    /// <summary>Why no Docker engine can be used (to skip with), or null when one answers.</summary>
    public static Task<string?> UnavailableReasonAsync() => Probe.Value;

    /// <summary>Whether the engine already holds <paramref name="image"/> (a locally built one, say).</summary>
    public static async Task<bool> HasImageAsync(string image)
    {
        using var client = CreateClient();
        using var response = await client.GetAsync($"/images/{image}/json");
        return response.IsSuccessStatusCode;
    }

    private static async Task<string?> ProbeAsync()
    {
        try
        {
            using var client = CreateClient();
            var version = await client.GetFromJsonAsync<JsonElement>("/version");
            var apiVersion = version.GetProperty("ApiVersion").GetString();

            // Testcontainers speaks a newer API than some engines (Debian 12's 20.10 speaks 1.41) and does not negotiate;
            // the engine's own version always works. Ryuk, its reaper, needs an image from Docker Hub: every test
            // disposes its containers itself instead.
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? apiVersion);
            TestcontainersSettings.ResourceReaperEnabled = false;
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or SocketException or IOException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return $"No Docker engine answers at {Endpoint} ({e.Message}). .ci/run starts one; elsewhere start Docker or set DOCKER_HOST.";
        }
    }

    private static string Endpoint => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : "unix:///var/run/docker.sock";

    private static HttpClient CreateClient()
    {
        var endpoint = new Uri(Endpoint);
        if (endpoint.Scheme != "unix")
        {
            return new HttpClient { BaseAddress = new UriBuilder(endpoint) { Scheme = "http" }.Uri, Timeout = TimeSpan.FromSeconds(5) };
        }

        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.LocalPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = TimeSpan.FromSeconds(5) };
    }
}
