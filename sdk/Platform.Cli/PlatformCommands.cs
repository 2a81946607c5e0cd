using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Platform.Client;
using Platform.Control.V1;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>The command tree. Every command talks to the platform through <see cref="PlatformClient"/>.</summary>
public sealed partial class PlatformCommands
{
    private readonly Option<string?> _address = new("--address")
    {
        Description = $"The platform's gRPC endpoint (env PLATFORM_ADDRESS, config \"address\"; default {ConnectionSettings.DefaultAddress}).",
        Recursive = true,
    };

    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = "The API key (env PLATFORM_API_KEY, config \"apiKey\").",
        Recursive = true,
    };

    private readonly Option<string?> _config = new("--config")
    {
        Description = "A JSON file with \"address\" and \"apiKey\" (env PLATFORM_CONFIG; default ~/.config/platform/config.json).",
        Recursive = true,
    };

    private readonly Option<bool> _json = new("--json") { Description = "Print JSON instead of tables, for scripts.", Recursive = true };

    private readonly IAnsiConsole _console;
    private readonly TextWriter _errors;

    private PlatformCommands(TextWriter output, TextWriter errors)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });

        // Tables wrap at the terminal's width; piped into a file or another program they should not wrap at 80.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            _console.Profile.Width = columns;
        }
        else if (Console.IsOutputRedirected)
        {
            _console.Profile.Width = 512;
        }
        _errors = errors;
    }

    private delegate Task<Printed> Work(PlatformClient platform, string id, CancellationToken cancellationToken);

    /// <summary>Builds the root command writing to <paramref name="output"/> and <paramref name="errors"/>.</summary>
    public static RootCommand Create(TextWriter output, TextWriter errors) => new PlatformCommands(output, errors).Root();

    private RootCommand Root()
    {
        var root = new RootCommand("Drive the integration platform: Salesforce instances, connectors, integrations and sync.") { _address, _apiKey, _config, _json };
        root.Add(Area("connectors", "Loaded connector plugins.",
            Verb("list", "List the connectors and whether they loaded.", async (platform, _, token) =>
                Print((await platform.Connectors.ListConnectorsAsync(new ListConnectorsRequest(), cancellationToken: token)).Connectors,
                    ["ID", "VERSION", "SDK", "STATUS", "ERROR"], c => [c.Id, c.Version, c.SdkVersion, c.Status.ToString(), c.FailureReason]))));
        root.Add(Area("instances", "Salesforce instances (org connections).",
            Verb("list", "List the instances.", async (platform, _, token) =>
                Print((await platform.Instances.ListInstancesAsync(new ListInstancesRequest(), cancellationToken: token)).Instances,
                    ["ID", "NAME", "LOGIN", "AUTH", "ENABLED"], i => [i.Id, i.Name, i.LoginUrl, i.Auth, i.Enabled.ToString()])),
            Verb("test", "Test an instance's connection.", async (platform, id, token) =>
            {
                var result = await platform.Instances.TestConnectionAsync(new TestConnectionRequest { Id = id }, cancellationToken: token);
                return new Printed(JsonFormatter.Default.Format(result), result.Succeeded ? "Connection succeeded." : $"Connection failed: {string.Join("; ", result.Problems)}", result.Succeeded ? ExitCodes.Success : ExitCodes.Failed);
            }, withId: true)));
        root.Add(Area("integrations", "Integrations between an instance and a connector.",
            Verb("list", "List the integrations.", async (platform, _, token) =>
                Print((await platform.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest(), cancellationToken: token)).Integrations,
                    ["ID", "INSTANCE", "CONNECTOR", "ENABLED", "PAUSED", "LAST ERROR"], i => [i.Id, i.InstanceId, i.ConnectorId, i.Enabled.ToString(), i.Status?.Paused.ToString() ?? "", i.Status?.LastError ?? ""])),
            Verb("sync", "Run a sync cycle now and print its report.", async (platform, id, token) =>
            {
                var report = await platform.Integrations.SyncNowAsync(new IntegrationRef { Id = id }, cancellationToken: token);
                return new Printed(JsonFormatter.Default.Format(report), $"Synced {id}: {report.RecordsRead} read, {report.WritesToSalesforce} written to Salesforce, {report.WritesToApp} to the app, {report.Failures} failed, {report.Conflicts} conflicts, {report.SalesforceApiCalls} Salesforce API calls.");
            }, withId: true),
            Verb("pause", "Pause an integration's schedule.", async (platform, id, token) =>
                State(await platform.Integrations.PauseIntegrationAsync(new IntegrationRef { Id = id }, cancellationToken: token), "paused"), withId: true),
            Verb("resume", "Resume an integration's schedule.", async (platform, id, token) =>
                State(await platform.Integrations.ResumeIntegrationAsync(new IntegrationRef { Id = id }, cancellationToken: token), "resumed"), withId: true)));
        root.Add(Keys());
        root.Add(Logs());
        root.Add(Watch());
        return root;
    }

    private static Command Area(string name, string description, params Command[] verbs)
    {
        var area = new Command(name, description);
        foreach (var verb in verbs)
        {
            area.Add(verb);
        }

        return area;
    }

    /// <summary>A command that calls the platform, prints what it answered and exits with the matching code.</summary>
    private Command Verb(string name, string description, Work work, bool withId = false)
    {
        var command = new Command(name, description);
        Argument<string>? id = withId ? new Argument<string>("id") { Description = "Its id." } : null;
        if (id is not null)
        {
            command.Add(id);
        }

        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, async platform =>
        {
            var printed = await work(platform, id is null ? "" : parse.GetValue(id)!, cancellationToken);
            Write(printed, parse.GetValue(_json));
            return printed.ExitCode;
        }));
        return command;
    }

    /// <summary>Runs <paramref name="work"/> with a client for the chosen platform; a failed call prints its status and maps to an exit code.</summary>
    private async Task<int> ExecuteAsync(ParseResult parse, Func<PlatformClient, Task<int>> work)
    {
        try
        {
            var settings = ConnectionSettings.Resolve(parse.GetValue(_address), parse.GetValue(_apiKey), parse.GetValue(_config));
            using var platform = new PlatformClient(new PlatformClientOptions { Address = settings.Address, ApiKey = settings.ApiKey });
            return await work(platform);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled)
        {
            await _errors.WriteLineAsync($"{e.StatusCode}: {e.Status.Detail}");
            return ExitCodes.For(e.StatusCode);
        }
        catch (Exception e) when (e is SettingsException or ArgumentException)
        {
            await _errors.WriteLineAsync(e.Message);
            return ExitCodes.Usage;
        }
    }

    private void Write(Printed printed, bool json)
    {
        if (json)
        {
            _console.Profile.Out.Writer.WriteLine(printed.Json);
        }
        else if (printed.Human is Spectre.Console.Rendering.IRenderable renderable)
        {
            _console.Write(renderable);
        }
        else
        {
            _console.Profile.Out.Writer.WriteLine(printed.Human.ToString());
        }
    }

    /// <summary><c>logs &lt;integration&gt;</c>: the newest sync-log entries, optionally of one state.</summary>
    private Command Logs()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var state = new Option<string?>("--state") { Description = "Only entries in this state: succeeded, failed, needsreview, settled…" };
        var limit = new Option<int>("--limit") { Description = "How many entries, newest first.", DefaultValueFactory = _ => 50 };
        var command = new Command("logs", "Show an integration's sync log, newest first.") { integration, state, limit };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, async platform =>
        {
            var request = new QuerySyncLogRequest { IntegrationId = parse.GetValue(integration)!, State = parse.GetValue(state) ?? "", PageSize = parse.GetValue(limit) };
            var entries = (await platform.Pairs.QuerySyncLogAsync(request, cancellationToken: cancellationToken)).Entries;
            Write(Print(entries, ["AT", "MAPPING", "PAIR", "OPERATION", "STATE", "TARGET", "ERROR"],
                e => [e.At?.ToDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture), e.Mapping, e.PairId, e.Operation, e.State, e.Target.ToString(), e.Error]), parse.GetValue(_json));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>watch [integration]</c>: sync events as they happen, one line each (JSON lines with --json), until Ctrl+C or --count.</summary>
    private Command Watch()
    {
        var integration = new Argument<string?>("integration") { Description = "Only this integration's events; all when left out.", Arity = ArgumentArity.ZeroOrOne };
        var count = new Option<int?>("--count") { Description = "Stop after this many events." };
        var command = new Command("watch", "Stream sync events live.") { integration, count };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, async platform =>
        {
            var json = parse.GetValue(_json);
            var left = parse.GetValue(count);
            using var call = platform.Integrations.WatchEvents(new WatchEventsRequest { IntegrationId = parse.GetValue(integration) ?? "" }, cancellationToken: cancellationToken);
            try
            {
                while (left is not <= 0 && await call.ResponseStream.MoveNext(cancellationToken))
                {
                    var e = call.ResponseStream.Current;
                    _console.Profile.Out.Writer.WriteLine(json
                        ? JsonFormatter.Default.Format(e)
                        : $"{e.At?.ToDateTimeOffset():u}  {e.IntegrationId}  {e.Kind}  {e.Message}");
                    left--;
                }
            }
            catch (RpcException) when (cancellationToken.IsCancellationRequested)
            {
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Printed Print<T>(IEnumerable<T> rows, string[] columns, Func<T, string?[]> cells)
        where T : IMessage
    {
        var list = rows.ToList();
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(column);
        }

        foreach (var row in list)
        {
            table.AddRow([.. cells(row).Select(c => Markup.Escape(c ?? ""))]);
        }

        return new Printed($"[{string.Join(",", list.Select(row => JsonFormatter.Default.Format(row)))}]", table);
    }

    private static Printed State(Integration integration, string verb) => new(JsonFormatter.Default.Format(integration), $"Integration {integration.Id} {verb}.");

    /// <summary>What a command printed: the answer as JSON (for --json), and a line or table for people.</summary>
    private sealed record Printed(string Json, object Human, int ExitCode = ExitCodes.Success);
}
