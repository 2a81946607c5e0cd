using Microsoft.Extensions.Logging;
using Platform.Emulators.Salesforce;
using Platform.Testing;

namespace Platform.Salesforce.Tests;

/// <summary>An in-process emulator and a client connected to it over real HTTP.</summary>
internal sealed class Harness : IAsyncDisposable
{
    private Harness(SalesforceEmulator emulator, HttpClient http, SalesforceClient client, CapturedLogs logs)
    {
        Emulator = emulator;
        Http = http;
        Client = client;
        Logs = logs;
    }

    public SalesforceEmulator Emulator { get; }

    public HttpClient Http { get; }

    public SalesforceClient Client { get; }

    public CapturedLogs Logs { get; }

    public int EmulatorCalls(string pathContains) => Emulator.Org.Calls.Calls.Count(c => c.Path.Contains(pathContains, StringComparison.Ordinal));

    public static async Task<Harness> StartAsync(
        Action<SalesforceEmulatorOptions>? emulator = null,
        Func<SalesforceConnectionOptions, SalesforceConnectionOptions>? client = null,
        SalesforceCredentials? credentials = null,
        TimeProvider? time = null)
    {
        var emulatorOptions = new SalesforceEmulatorOptions { DailyApiRequests = 1_000_000 };
        emulator?.Invoke(emulatorOptions);
        var salesforce = await SalesforceEmulator.StartAsync(emulatorOptions);
        var options = new SalesforceConnectionOptions
        {
            LoginUrl = salesforce.BaseUrl,
            Credentials = credentials ?? new PasswordCredentials("platform-emulator", "emulator-secret", "admin@example.com", "emulator"),
            ClientName = "platform-tests",
            Retry = new RetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
            BulkPollInterval = TimeSpan.FromMilliseconds(5),
        };
        options = client?.Invoke(options) ?? options;
        var logs = new CapturedLogs();
        var http = new HttpClient();
        var factory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        return new Harness(salesforce, http, new SalesforceClient(http, options, factory.CreateLogger<SalesforceClient>(), time), logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}
