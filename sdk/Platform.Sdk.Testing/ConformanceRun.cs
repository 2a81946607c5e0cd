using Platform.Emulators.Salesforce;
using Platform.PluginContract;
using Platform.Salesforce;

namespace Platform.Sdk.Testing;

/// <summary>One run of the kit: the connector's context, the fakes under it, and the results so far.</summary>
internal sealed partial class ConformanceRun(ConformanceSubject subject) : IAsyncDisposable
{
    private readonly List<ConformanceResult> _results = [];
    private readonly CapturedLogs _logs = new();
    private readonly FaultInjector _faults = new();
    private readonly List<string> _messages = [];
    private HttpClient? _http;
    private SalesforceEmulator? _org;
    private SalesforceClient? _salesforce;
    private InMemoryApp? _gateway;
    private ConnectorDefinition? _definition;
    private Dictionary<string, string>? _settings;

    public IReadOnlyList<ConformanceResult> Results => _results;

    private bool UsesGateway => _definition?.UsesAppGateway == true;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await CheckAsync("manifest", CheckManifest);
        await CheckAsync("definition", CheckDefinition);
        if (_definition is null)
        {
            return;
        }

        _http = new HttpClient(_faults.Handler(new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(30) };
        _gateway = UsesGateway ? new InMemoryApp(_faults) : null;
        await CheckAsync("settings", CheckSettings);
        await CheckAsync("mappings", () => CheckMappingsAsync(cancellationToken));
        foreach (var entity in subject.Entities)
        {
            await CheckAsync($"writes/{entity.Name}", () => CheckWritesAsync(entity, cancellationToken));
            await CheckAsync($"redelivery/{entity.Name}", () => CheckRedeliveryAsync(entity, cancellationToken));
            await CheckAsync($"feed/{entity.Name}", () => CheckFeedAsync(entity, cancellationToken));
            await CheckAsync($"to-salesforce/{entity.Name}", () => CheckToSalesforceAsync(entity, cancellationToken));
        }

        var probe = subject.Entities.Count > 0 ? subject.Entities[0].Name : _definition.Entities[0].Name;
        await CheckAsync("errors/unauthorized", () => CheckFailureAsync(probe, FaultKind.Unauthorized, ConnectorErrorKind.Unauthorized, cancellationToken));
        await CheckAsync("errors/outage", () => CheckFailureAsync(probe, FaultKind.Outage, ConnectorErrorKind.Transient, cancellationToken));
        await CheckAsync("errors/throttled", () => CheckFailureAsync(probe, FaultKind.Throttled, ConnectorErrorKind.Transient, cancellationToken));
        await CheckAsync("errors/unreachable", () => CheckFailureAsync(probe, FaultKind.Unreachable, ConnectorErrorKind.Transient, cancellationToken));
        if (subject.Entities.Count > 0)
        {
            await CheckAsync("errors/refused-record", () => CheckRefusedRecordAsync(subject.Entities[0], cancellationToken));
        }

        await CheckAsync("cancellation", () => CheckCancellationAsync(probe, cancellationToken));
        await CheckAsync("secrets", CheckSecrets);
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        _salesforce?.Dispose();
        _logs.Dispose();
        if (_org is not null)
        {
            await _org.DisposeAsync();
        }
    }

    private Task CheckAsync(string name, Func<string> body) => CheckAsync(name, () => Task.FromResult(body()));

    private async Task CheckAsync(string name, Func<Task<string>> body) => _results.Add(await Outcome(name, body));

    private async Task<ConformanceResult> Outcome(string name, Func<Task<string>> body)
    {
        _faults.Clear();
        try
        {
            return new ConformanceResult(name, true, await body());
        }
        catch (CheckFailedException e)
        {
            return new ConformanceResult(name, false, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _messages.Add(e.ToString());
            return new ConformanceResult(name, false, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The context the host would give the connector: settings with defaults, captured logs, the kit's HTTP client.</summary>
    private ConnectorContext Context() => new()
    {
        IntegrationId = "conformance",
        Settings = _settings!,
        LoggerFactory = _logs,
        HttpClient = _http!,
        AppGateway = _gateway,
        Mappings = _definition!.DefaultMappings,
    };

    /// <summary>The subject's settings with the definition's defaults filled in.</summary>
    private static Dictionary<string, string> WithDefaults(IReadOnlyDictionary<string, string> given, ConnectorDefinition definition)
    {
        var settings = new Dictionary<string, string>(given, StringComparer.Ordinal);
        foreach (var setting in definition.Settings)
        {
            if (setting.DefaultValue is { } value)
            {
                settings.TryAdd(setting.Key, value);
            }
        }

        return settings;
    }

    private string CheckManifest()
    {
        var directory = subject.PluginDirectory ?? Path.GetDirectoryName(subject.Plugin.GetType().Assembly.Location)!;
        var (manifest, problem) = ManifestChecks.Read(directory);
        Require(problem is null, problem!);
        var assembly = Path.GetFileName(subject.Plugin.GetType().Assembly.Location);
        Require(string.Equals(manifest!.Assembly, assembly, StringComparison.OrdinalIgnoreCase), $"plugin.json names the assembly {manifest.Assembly}, but the plugin is in {assembly}.");
        Require(File.Exists(Path.Combine(directory, manifest.Assembly)), $"{manifest.Assembly} is not in {directory}, where plugin.json is.");
        Require(subject.Plugin.GetType() is { IsPublic: true, IsAbstract: false } type && type.GetConstructor(Type.EmptyTypes) is not null,
            $"{subject.Plugin.GetType().FullName} must be public, not abstract, with a public parameterless constructor: the host creates it so.");
        return $"{manifest.Id} {manifest.Version}, SDK {manifest.SdkVersion}, {manifest.Assembly}.";
    }

    private string CheckDefinition()
    {
        var definition = subject.Plugin.Describe();
        var problem = DefinitionChecks.Problem(definition);
        Require(problem is null, problem!);
        _definition = definition;
        _settings = WithDefaults(subject.Settings, definition);
        return $"{definition.Entities.Count} entities, {definition.DefaultMappings.Count} default mappings, {definition.Settings.Count} settings{(definition.UsesAppGateway ? ", through the app gateway" : "")}.";
    }

    private string CheckSettings()
    {
        var problems = subject.Plugin.ValidateSettings(Context());
        Require(problems.Count == 0, $"the subject's settings are refused: {string.Join("; ", problems.Select(p => $"{p.Key}: {p.Message}"))}");
        var missing = _definition!.Settings.Where(s => s.Required && !_settings!.ContainsKey(s.Key)).Select(s => s.Key).ToList();
        Require(missing.Count == 0, $"required settings are missing from the subject: {string.Join(", ", missing)}.");
        return $"{_settings!.Count} settings accepted.";
    }

    private static void Require(bool condition, string failure)
    {
        if (!condition)
        {
            throw new CheckFailedException(failure);
        }
    }

    private sealed class CheckFailedException(string message) : Exception(message);
}
