using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Platform.Client;
using Spectre.Console;

namespace Platform.Cli;

/// <summary>The command tree. Every command talks to the platform through <see cref="PlatformClient"/>; each area lives in a file of its own.</summary>
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
    private readonly IAnsiConsole _status;
    private readonly TextWriter _errors;

    private PlatformCommands(TextWriter output, TextWriter errors)
    {
        _console = NewConsole(output, System.Console.IsOutputRedirected);
        _status = NewConsole(errors, System.Console.IsErrorRedirected);
        _errors = errors;
    }

    /// <summary>What a command does once its client is ready: the answer to print and the exit code.</summary>
    private delegate Task<Printed> Work(ParseResult parse, PlatformClient platform, CancellationToken cancellationToken);

    /// <summary>Builds the root command writing to <paramref name="output"/> and <paramref name="errors"/>.</summary>
    public static RootCommand Create(TextWriter output, TextWriter errors) => new PlatformCommands(output, errors).Root();

    private RootCommand Root()
    {
        var root = new RootCommand("Drive the integration platform: Salesforce instances, connectors, integrations and sync.") { _address, _apiKey, _config, _json };
        root.Add(Connectors());
        root.Add(Instances());
        root.Add(Integrations());
        root.Add(Pairs());
        root.Add(Logs());
        root.Add(Entries());
        root.Add(Review());
        root.Add(Matching());
        root.Add(Lookups());
        root.Add(Keys());
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

    /// <summary>A command whose work calls the platform; it prints what the work returns and exits with its code.</summary>
    private Command Verb(string name, string description, Symbol[] symbols, Work work)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument:
                    command.Add(argument);
                    break;
                case Option option:
                    command.Add(option);
                    break;
            }
        }

        command.SetAction((parse, cancellationToken) => ExecuteAsync(parse, async platform =>
        {
            var printed = await work(parse, platform, cancellationToken);
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
        catch (Exception e) when (e is SettingsException or ArgumentException or InputException)
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

    private static Printed Table<T>(IEnumerable<T> rows, string[] columns, Func<T, string?[]> cells)
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

    /// <summary>A single answer: its JSON, and one line for people.</summary>
    private static Printed Line(IMessage answer, string human, int exitCode = ExitCodes.Success) => new(JsonFormatter.Default.Format(answer), human, exitCode);

    private static IAnsiConsole NewConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });

        // Tables wrap at the terminal's width; piped into a file or another program they should not wrap at 80.
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            console.Profile.Width = columns;
        }
        else if (redirected)
        {
            console.Profile.Width = 512;
        }

        return console;
    }

    /// <summary>What a command printed: the answer as JSON (for --json), and a line or table for people.</summary>
    private sealed record Printed(string Json, object Human, int ExitCode = ExitCodes.Success);
}
