using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Platform.Client;
using Platform.Control.V1;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.SampleApp;
using Platform.Grains.Events;
using Platform.Host.Access;
using Platform.Host.Endpoints;
using Platform.Salesforce;

namespace Platform.Host.Sandbox;

/// <summary>
/// Runs the sandbox: starts the Salesforce emulator and the sample app with demo data, then, once the host is up,
/// configures an instance and an integration through the platform's own gRPC control API (as an operator would), logs
/// every sync event, and has a demo user edit a record now and then on either side.
/// </summary>
internal sealed partial class SandboxService(
    IOptions<SandboxOptions> options,
    BoundEndpoints endpoints,
    HostApiKey key,
    SyncEventHub events,
    IHostApplicationLifetime lifetime,
    ILogger<SandboxService> logger) : IHostedService, IAsyncDisposable
{
    public const string InstanceId = "sandbox-org";
    public const string IntegrationId = "sandbox-contacts";

    private readonly CancellationTokenSource _stopping = new();
    private readonly HttpClient _http = new();
    private SalesforceEmulator? _salesforce;
    private SampleApp? _app;
    private Task _work = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions
        {
            Urls = $"http://127.0.0.1:{options.Value.SalesforcePort}",
            DailyApiRequests = 100_000,
        }, cancellationToken);
        _salesforce.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>>
            {
                ["Contact"] = [.. SandboxData.SalesforceOnly.Concat(SandboxData.Both).Select(p => JsonSerializer.SerializeToElement(new
                {
                    FirstName = p.First,
                    LastName = p.Last,
                    Email = SandboxData.Email(p.First, p.Last),
                    Title = p.Title,
                }))],
            },
        });
        _app = await SampleApp.StartAsync(options.Value.AppPort);
        foreach (var (first, last, title) in SandboxData.AppOnly.Concat(SandboxData.Both))
        {
            _app.Put("contact", null, ("firstName", first), ("lastName", last), ("email", SandboxData.Email(first, last)), ("title", title));
        }

        // The control API answers only once the whole host has started (the silo included).
        lifetime.ApplicationStarted.Register(() => _work = RunAsync(_stopping.Token));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _work.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_salesforce is not null)
        {
            await _salesforce.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var logging = LogEventsAsync(cancellationToken);
            using var platform = new PlatformClient(new PlatformClientOptions { Address = endpoints.GrpcAddress, ApiKey = key.Text });
            await ConfigureAsync(platform, cancellationToken);
            LogReady(_salesforce!.BaseUrl, _salesforce.Options.Username, _salesforce.Options.Password, _app!.BaseUrl, IntegrationId, options.Value.SyncInterval, endpoints.GrpcAddress.Authority);
            await Task.WhenAll(logging, EditAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (RpcException e)
        {
            LogSetupFailed(e.Status.Detail, e);
        }
    }

    /// <summary>Starts from a clean slate each run: the emulated org and app are new, so yesterday's pairs would be stale.</summary>
    private async Task ConfigureAsync(PlatformClient platform, CancellationToken cancellationToken)
    {
        var instances = platform.Instances;
        var integrations = platform.Integrations;
        await IgnoreNotFoundAsync(integrations.DeleteIntegrationAsync(new DeleteIntegrationRequest { Id = IntegrationId }, cancellationToken: cancellationToken).ResponseAsync);
        await IgnoreNotFoundAsync(instances.DeleteInstanceAsync(new DeleteInstanceRequest { Id = InstanceId }, cancellationToken: cancellationToken).ResponseAsync);
        await instances.CreateInstanceAsync(SampleIntegration.Instance(InstanceId, _salesforce!, budgetShare: 0.5, name: "Sandbox org (emulated)"), cancellationToken: cancellationToken);
        await integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = IntegrationId,
            InstanceId = InstanceId,
            ConnectorId = "sample",
            DisplayName = "Sample app contacts ↔ Salesforce Contacts",
            Settings = { ["baseUrl"] = _app!.BaseUrl.ToString(), ["apiKey"] = "sandbox-key" },
            Schedule = new Schedule { Interval = Duration.FromTimeSpan(options.Value.SyncInterval), StartAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
            Mappings = { SampleIntegration.Contacts(ConflictPolicy.LastWriterWins) },
        }, cancellationToken: cancellationToken);
    }

    private async Task LogEventsAsync(CancellationToken cancellationToken)
    {
        await foreach (var syncEvent in events.WatchAsync(IntegrationId, cancellationToken))
        {
            LogSyncEvent(syncEvent.Kind, syncEvent.Message);
        }
    }

    /// <summary>A demo user edits one contact's title, in Salesforce and in the app in turn, so every few cycles have work.</summary>
    private async Task EditAsync(CancellationToken cancellationToken)
    {
        if (options.Value.EditInterval == TimeSpan.Zero)
        {
            return;
        }

        using var user = new SalesforceClient(_http, new SalesforceConnectionOptions
        {
            LoginUrl = _salesforce!.BaseUrl,
            Credentials = new PasswordCredentials(_salesforce.Options.ClientId, _salesforce.Options.ClientSecret, _salesforce.Options.Username, _salesforce.Options.Password),
        });
        using var timer = new PeriodicTimer(options.Value.EditInterval);
        var turn = 0;
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var title = $"Edited in {(turn % 2 == 0 ? "Salesforce" : "the app")} at {DateTimeOffset.Now.ToString("T", CultureInfo.InvariantCulture)}";
            if (turn++ % 2 == 0)
            {
                var ids = new List<string>();
                await foreach (var record in user.ReadAsync(new Soql("SELECT Id FROM Contact"), cancellationToken: cancellationToken))
                {
                    ids.Add(record.Id);
                }

                var id = ids[Random.Shared.Next(ids.Count)];
                await user.UpdateAsync("Contact", id, new Dictionary<string, object?> { ["Title"] = title }, cancellationToken);
                LogDemoEdit("Salesforce", id, title);
            }
            else
            {
                var ids = _app!.Ids("contact");
                var id = ids[Random.Shared.Next(ids.Count)];
                _app.Put("contact", id, ("title", title));
                LogDemoEdit("the sample app", id, title);
            }
        }
    }

    private static async Task IgnoreNotFoundAsync(Task call)
    {
        try
        {
            await call;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sandbox ready. Salesforce emulator: {SalesforceUrl} (user {Username}, password {Password}: emulator demo credentials). Sample app: {AppUrl}. Integration {IntegrationId} syncs every {Interval}. Watch it with an admin API key (see the README): grpcurl -plaintext -H \"authorization: Bearer $PLATFORM_API_KEY\" -d '{{\"integration_id\":\"{IntegrationId}\"}}' {GrpcAddress} platform.control.v1.IntegrationService/WatchEvents")]
    private partial void LogReady(Uri salesforceUrl, string username, string password, Uri appUrl, string integrationId, TimeSpan interval, string grpcAddress);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync {Kind}: {Message}")]
    private partial void LogSyncEvent(SyncEventKind kind, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo user edited contact {RecordId} in {Side}: title '{Title}'")]
    private partial void LogDemoEdit(string side, string recordId, string title);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sandbox setup failed: {Detail}")]
    private partial void LogSetupFailed(string detail, Exception exception);
}
