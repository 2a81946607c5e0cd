using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Platform.Emulators.Hosting;

/// <summary>
/// An emulated vendor API on a loopback port: started, counted, failed on demand and stopped the same way for every
/// vendor. A subclass maps its endpoints in <see cref="Map"/>, usually below <see cref="MapApi"/>.
/// </summary>
public abstract class LoopbackEmulator : IAsyncDisposable
{
    private readonly OutageSwitch _outage = new();
    private WebApplication? _app;

    /// <summary>What the connector calls the API's base URL, e.g. <c>http://127.0.0.1:5123/</c>.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>API requests answered (authorised or not).</summary>
    public int Calls => _outage.Calls;

    /// <summary>Answers the next <paramref name="count"/> API requests with <paramref name="status"/>, as an outage would.</summary>
    /// <param name="count">How many requests fail.</param>
    /// <param name="status">The HTTP status they get. Default: 503.</param>
    public void FailNext(int count, int status = StatusCodes.Status503ServiceUnavailable) => _outage.FailNext(count, status);

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts listening on a loopback port the OS chooses.</summary>
    /// <param name="baseUrlPath">Where <see cref="BaseUrl"/> points below the root, e.g. <c>v2/</c>. Default: the root.</param>
    protected async Task ListenAsync(string baseUrlPath = "")
    {
        var (app, root) = await LoopbackApp.StartAsync(Map);
        (_app, BaseUrl) = (app, new Uri(root, baseUrlPath));
    }

    /// <summary>Adds the emulator's endpoints.</summary>
    protected abstract void Map(WebApplication app);

    /// <summary>
    /// The API's route group: every request is counted (and failed during an outage), then served only when it carries
    /// the <c>Authorization</c> header the vendor expects; otherwise it gets a 401 with <paramref name="refusal"/>.
    /// </summary>
    protected RouteGroupBuilder MapApi(WebApplication app, string prefix, string authorization, string refusal)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.MapGroup(prefix).AddEndpointFilter(async (context, next) =>
        {
            if (_outage.Next() is { } status)
            {
                return JsonApi.Error(status, "The service is temporarily unavailable.");
            }

            return context.HttpContext.Request.Headers.Authorization.ToString() == authorization
                ? await next(context)
                : JsonApi.Error(StatusCodes.Status401Unauthorized, refusal);
        });
    }
}
