using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Emulators.Salesforce.Api;
using Platform.Emulators.Salesforce.Hosting;
using Platform.Emulators.Salesforce.Model;

namespace Platform.Emulators.Salesforce;

/// <summary>
/// A Salesforce org emulator served over real HTTP: OAuth, the REST API (sObjects, SOQL, describe, Collections,
/// Composite, replication, limits) and an admin API. Start one in-process with <see cref="StartAsync"/>, or run the
/// standalone server.
/// </summary>
public sealed class SalesforceEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SalesforceEmulator(WebApplication app, EmulatedOrg org, SalesforceEmulatorOptions options)
    {
        _app = app;
        Org = org;
        Options = options;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUrl = new Uri(address.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>The org: its data, users, settings, clock, limits, faults and logs.</summary>
    public EmulatedOrg Org { get; }

    public SalesforceEmulatorOptions Options { get; }

    /// <summary>Where the emulator listens; the login host and the instance URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts an emulator (by default on a free loopback port) and waits until it accepts requests.</summary>
    public static async Task<SalesforceEmulator> StartAsync(SalesforceEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SalesforceEmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        var app = Create(builder, options);
        await app.StartAsync(cancellationToken);
        return new SalesforceEmulator(app, app.Services.GetRequiredService<EmulatedOrg>(), options);
    }

    /// <summary>
    /// Builds the standalone server from command-line arguments: <c>--urls</c>, <c>--seed &lt;file&gt;</c>,
    /// <c>--daily-api-requests</c>, <c>--token-lifetime</c>, <c>--duplicate-rule</c>, <c>--max-api-version</c>,
    /// <c>--sandbox</c>, or any <c>--Emulator:&lt;option&gt;</c>.
    /// </summary>
    public static WebApplication CreateApplication(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
        {
            ["--seed"] = "Emulator:SeedFile",
            ["--daily-api-requests"] = "Emulator:DailyApiRequests",
            ["--token-lifetime"] = "Emulator:TokenLifetime",
            ["--duplicate-rule"] = "Emulator:DuplicateRule",
            ["--max-api-version"] = "Emulator:MaxApiVersion",
            ["--sandbox"] = "Emulator:IsSandbox",
        });
        var options = builder.Configuration.GetSection("Emulator").Get<SalesforceEmulatorOptions>() ?? new SalesforceEmulatorOptions();
        options.Urls = builder.Configuration["urls"] ?? "http://127.0.0.1:7443";
        return Create(builder, options);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Create(WebApplicationBuilder builder, SalesforceEmulatorOptions options)
    {
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxMultipartBodyBytes);
        var org = new EmulatedOrg(options);
        builder.Services.AddSingleton(org);
        var app = builder.Build();

        var rest = new RestEndpoint(org, options);
        var oauth = new OAuthEndpoints(org, options);
        app.MapPost("/services/oauth2/token", oauth.TokenAsync);
        app.MapGet("/services/oauth2/authorize", oauth.Authorize);
        app.MapPost("/services/oauth2/revoke", oauth.RevokeAsync);
        app.MapMethods("/services/oauth2/userinfo", ["GET", "POST"], oauth.UserInfoAsync);
        app.MapGet("/id/{orgId}/{userId}", oauth.IdentityAsync);
        app.MapGet("/services/data", (HttpContext context) => Write(context, RestApi.Versions(org.MaxApiVersion)));
        app.Map("/services/data/{**path}", rest.HandleAsync);
        AdminEndpoints.Map(app, org);
        app.MapFallback((HttpContext context) => Write(context, RestApi.NotFound()));
        return app;
    }

    private static Task Write(HttpContext context, ApiResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        return response.Body is { } body ? context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask() : Task.CompletedTask;
    }
}
