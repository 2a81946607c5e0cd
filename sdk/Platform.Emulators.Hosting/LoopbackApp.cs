using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Emulators.Hosting;

/// <summary>Starts an emulator's endpoints as a minimal web app on 127.0.0.1, without logging.</summary>
public static class LoopbackApp
{
    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, starts it and says where it listens.</summary>
    /// <param name="map">Adds the endpoints.</param>
    /// <param name="port">The port. Default: 0, one the OS chooses.</param>
    /// <returns>The running app (dispose it to stop) and its root, e.g. <c>http://127.0.0.1:5123/</c>.</returns>
    public static async Task<(WebApplication App, Uri Root)> StartAsync(Action<WebApplication> map, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(map);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
