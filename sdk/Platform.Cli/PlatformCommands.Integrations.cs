using System.CommandLine;
using Google.Protobuf;
using Grpc.Core;
using Platform.Client;
using Platform.Control.V1;
using Spectre.Console;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    private readonly Option<bool> _quiet = new("--quiet") { Description = "No progress on standard error." };

    private Command Integrations()
    {
        var id = new Argument<string>("id") { Description = "The integration's id." };
        var file = new Option<string>("--file") { Description = "The integration as JSON (a SaveIntegrationRequest: connector, settings, mappings, schedule); - reads standard input.", Required = true };
        var entity = new Argument<string>("entity") { Description = "The app entity, e.g. project." };
        var appId = new Argument<string>("app-id") { Description = "The app record's id." };
        return Area("integrations", "Integrations between an instance and a connector.",
            Verb("list", "List the integrations.", [], async (_, platform, token) =>
                Table(await CommandInput.AllPagesAsync(page => platform.Integrations.ListIntegrationsAsync(new ListIntegrationsRequest { PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Integrations, answer => answer.NextPageToken),
                    ["ID", "INSTANCE", "CONNECTOR", "ENABLED", "PAUSED", "LAST ERROR"], i => [i.Id, i.InstanceId, i.ConnectorId, i.Enabled.ToString(), i.Status?.Paused.ToString() ?? "", i.Status?.LastError ?? ""])),
            Verb("get", "Show an integration with its mappings and status.", [id], async (parse, platform, token) =>
            {
                var integration = await platform.Integrations.GetIntegrationAsync(new GetIntegrationRequest { Id = parse.GetValue(id)! }, cancellationToken: token);
                var mappings = string.Join(", ", integration.Mappings.Select(m => $"{m.Name} ({m.Entity} ↔ {m.SalesforceObject})"));
                return Line(integration, $"{integration.Id}: {integration.ConnectorId} on {integration.InstanceId}, {(integration.Enabled ? "enabled" : "disabled")}{(integration.Status?.Paused == true ? ", paused" : "")}. Mappings: {mappings}.");
            }),
            Verb("create", "Create an integration from a JSON file (mappings are checked against the org).", [file], async (parse, platform, token) =>
            {
                var request = await CommandInput.ReadMessageAsync<SaveIntegrationRequest>(parse.GetValue(file)!, token);
                return State(await platform.Integrations.CreateIntegrationAsync(request, cancellationToken: token), "created");
            }),
            Verb("update", "Replace an integration's settings and mappings from a JSON file.", [file], async (parse, platform, token) =>
            {
                var request = await CommandInput.ReadMessageAsync<SaveIntegrationRequest>(parse.GetValue(file)!, token);
                return State(await platform.Integrations.UpdateIntegrationAsync(request, cancellationToken: token), "updated");
            }),
            Verb("delete", "Delete an integration with its pairs and log.", [id], async (parse, platform, token) =>
                Line(await platform.Integrations.DeleteIntegrationAsync(new DeleteIntegrationRequest { Id = parse.GetValue(id)! }, cancellationToken: token), $"Integration {parse.GetValue(id)} deleted.")),
            Verb("enable", "Enable an integration.", [id], async (parse, platform, token) =>
                State(await platform.Integrations.EnableIntegrationAsync(new IntegrationRef { Id = parse.GetValue(id)! }, cancellationToken: token), "enabled")),
            Verb("disable", "Disable an integration.", [id], async (parse, platform, token) =>
                State(await platform.Integrations.DisableIntegrationAsync(new IntegrationRef { Id = parse.GetValue(id)! }, cancellationToken: token), "disabled")),
            Verb("pause", "Pause an integration's schedule.", [id], async (parse, platform, token) =>
                State(await platform.Integrations.PauseIntegrationAsync(new IntegrationRef { Id = parse.GetValue(id)! }, cancellationToken: token), "paused")),
            Verb("resume", "Resume an integration's schedule.", [id], async (parse, platform, token) =>
                State(await platform.Integrations.ResumeIntegrationAsync(new IntegrationRef { Id = parse.GetValue(id)! }, cancellationToken: token), "resumed")),
            Verb("test", "Check that the connector reaches the app with the saved settings (ends a pause for refused credentials when it does).", [id], async (parse, platform, token) =>
            {
                var result = await platform.Integrations.TestIntegrationAsync(new IntegrationRef { Id = parse.GetValue(id)! }, cancellationToken: token);
                return Line(result, result.Succeeded ? $"The app accepts the connection{(result.Resumed ? "; the integration resumed" : "")}." : $"The app check failed: {string.Join("; ", result.Problems)}",
                    result.Succeeded ? ExitCodes.Success : ExitCodes.Failed);
            }),
            Verb("sync", "Run a sync cycle now, showing its progress, and print its report.", [id, _quiet], async (parse, platform, token) =>
            {
                var integration = parse.GetValue(id)!;
                var report = await WithProgressAsync(parse, platform, integration, () => platform.Integrations.SyncNowAsync(new IntegrationRef { Id = integration }, cancellationToken: token).ResponseAsync, token);
                return Line(report, Describe(integration, report), report.Skipped.Length > 0 ? ExitCodes.Failed : ExitCodes.Success);
            }),
            Verb("publish-files", "Publish a record's files to its Salesforce record now.", [id, entity, appId], async (parse, platform, token) =>
            {
                var answer = await platform.Integrations.PublishFilesAsync(new PublishFilesRequest { IntegrationId = parse.GetValue(id)!, Entity = parse.GetValue(entity)!, AppId = parse.GetValue(appId)! }, cancellationToken: token);
                return Table(answer.Files, ["FILE", "NAME", "STATE", "SALESFORCE RECORD"], f => [f.FileId, f.FileName, f.State, f.SalesforceRecordId]);
            }));
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
                    _console.Profile.Out.Writer.WriteLine(json ? JsonFormatter.Default.Format(e) : $"{e.At?.ToDateTimeOffset():u}  {e.IntegrationId}  {e.Kind}  {e.Message}");
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

    /// <summary>
    /// Runs <paramref name="work"/> (a cycle) while showing the integration's progress events on standard error: a live
    /// progress bar on a terminal, a line per event otherwise; nothing with --quiet.
    /// </summary>
    private async Task<T> WithProgressAsync<T>(ParseResult parse, PlatformClient platform, string integration, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (parse.GetValue(_quiet))
        {
            return await work();
        }

        using var watching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var events = platform.Integrations.WatchEvents(new WatchEventsRequest { IntegrationId = integration }, cancellationToken: watching.Token);
        await events.ResponseHeadersAsync; // subscribed: the cycle's progress cannot come before the watch hears it
        var progress = ShowProgressAsync(integration, events.ResponseStream, watching.Token);
        try
        {
            return await work();
        }
        finally
        {
            await watching.CancelAsync();
            await progress;
        }
    }

    private async Task ShowProgressAsync(string integration, IAsyncStreamReader<SyncEvent> events, CancellationToken cancellationToken)
    {
        async Task ForEachProgressAsync(Action<SyncEvent> show)
        {
            try
            {
                while (await events.MoveNext(cancellationToken))
                {
                    if (events.Current.Kind == "progress")
                    {
                        show(events.Current);
                    }
                }
            }
            catch (Exception e) when (e is RpcException or OperationCanceledException)
            {
                // The cycle finished (the watch was cancelled) or the watch failed: progress is a courtesy, the report is the answer.
            }
        }

        if (!_status.Profile.Capabilities.Interactive)
        {
            await ForEachProgressAsync(e => _errors.WriteLine($"Progress: {e.Message}"));
            return;
        }

        await _status.Progress().AutoClear(true).StartAsync(async context =>
        {
            var bar = context.AddTask(Markup.Escape($"Syncing {integration}")).IsIndeterminate();
            await ForEachProgressAsync(e => bar.Description = Markup.Escape(e.Message));
            bar.StopTask();
        });
    }

    private static string Describe(string integration, CycleReport report) => report.Skipped.Length > 0
        ? $"Sync of {integration} did not run: {report.Skipped}"
        : $"Synced {integration}: {report.RecordsRead} read, {report.WritesToSalesforce} written to Salesforce, {report.WritesToApp} to the app, {report.Failures} failed, {report.Conflicts} conflicts, {report.SalesforceApiCalls} Salesforce API calls.";

    private static Printed State(Integration integration, string verb) => Line(integration, $"Integration {integration.Id} {verb}.");
}
