using System.Diagnostics;
using System.Text;

namespace Platform.Testing;

/// <summary>One of the repository's servers started as a real process on a loopback port, stopped on dispose.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>dotnet &lt;assembly&gt; --urls http://127.0.0.1:&lt;free port&gt; …</c> and waits until <paramref name="readyPath"/> answers.</summary>
    public static Task<ServerProcess> StartAsync(string assembly, string readyPath, params string[] arguments)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}");
        return StartAsync(assembly, baseUrl, readyPath, ["--urls", baseUrl.ToString().TrimEnd('/'), .. arguments]);
    }

    /// <summary>Starts <c>dotnet &lt;assembly&gt; &lt;arguments&gt;</c> (which make it listen on <paramref name="baseUrl"/>) and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static Task<ServerProcess> StartAsync(string assembly, Uri baseUrl, string readyPath, IEnumerable<string> arguments) =>
        StartAsync(assembly, baseUrl, readyPath, arguments, TimeSpan.FromSeconds(30));

    /// <summary>As above, waiting up to <paramref name="readyWithin"/> (a silo joining a busy cluster takes longer).</summary>
    public static async Task<ServerProcess> StartAsync(string assembly, Uri baseUrl, string readyPath, IEnumerable<string> arguments, TimeSpan readyWithin)
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build the server first: {assembly} does not exist.", assembly);
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Prepend(assembly))
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {assembly}.");
        var server = new ServerProcess(process, baseUrl);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseUrl };
        var deadline = DateTime.UtcNow.Add(readyWithin);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(readyPath);
                if (response.IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(100);
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"{assembly} did not start listening on {baseUrl}:\n{server.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
