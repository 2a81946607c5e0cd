using System.CommandLine;
using System.Globalization;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    /// <summary><c>matching …</c>: the matching wizard's steps, before an integration's first sync.</summary>
    private Command Matching()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var master = new Option<string?>("--master") { Description = "Which side wins a field both linked records hold: app or salesforce (default: each mapping's conflict policy)." };
        master.AcceptOnlyFromAmong("app", "salesforce");
        var mapping = new Option<string?>("--mapping") { Description = "The mapping (default: the integration's only one)." };
        var suggestions = new Option<int>("--suggestions") { Description = "Suggestions per app record (default 3).", DefaultValueFactory = _ => 3 };
        var limit = Limit(100);
        var link = new Option<string[]>("--link") { Description = "app-id=salesforce-id: link these two (repeat for more)." };
        var create = new Option<string[]>("--create") { Description = "app-id: create a new Salesforce record from it (repeat for more)." };
        var skip = new Option<string[]>("--skip") { Description = "app-id: never sync it (repeat for more)." };
        var createUndecided = new Option<bool>("--create-undecided") { Description = "Create Salesforce records for the app records still undecided instead of refusing." };

        return Area("matching", "The matching wizard: link the records both systems already hold before the first sync.",
            Verb("begin", "Enter matching (cycles then read and write nothing).", [integration, master], async (parse, platform, token) =>
                MatchingLine(await platform.Matching.BeginMatchingAsync(new BeginMatchingRequest
                {
                    IntegrationId = parse.GetValue(integration)!,
                    Master = parse.GetValue(master) switch { "app" => Side.App, "salesforce" => Side.Salesforce, _ => Side.Unspecified },
                }, cancellationToken: token))),
            Verb("status", "Show each mapping's progress: undecided, linked, excluded.", [integration], async (parse, platform, token) =>
                MatchingLine(await platform.Matching.GetMatchingStatusAsync(new IntegrationRef { Id = parse.GetValue(integration)! }, cancellationToken: token))),
            Verb("list", "List undecided app records with suggested Salesforce records, best first.", [integration, mapping, suggestions, limit], async (parse, platform, token) =>
                Table(await CommandInput.AllPagesAsync(page => platform.Matching.ListMatchesAsync(new ListMatchesRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", Suggestions = parse.GetValue(suggestions), PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Candidates, answer => answer.NextPageToken, parse.GetValue(limit)),
                    ["APP ID", "NAME", "SUGGESTIONS (SALESFORCE ID NAME SCORE)"],
                    c => [c.AppId, c.Name, string.Join("; ", c.Suggestions.Select(s => $"{s.SalesforceId} {s.Name} {s.Score.ToString("0.00", CultureInfo.InvariantCulture)}"))])),
            Verb("resolve", "Decide app records: --link, --create, --skip.", [integration, mapping, link, create, skip], async (parse, platform, token) =>
            {
                var request = new ResolveMatchesRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "" };
                request.Decisions.AddRange(CommandInput.Pairs("--link", parse.GetValue(link)).Select(p => new MatchDecision { AppId = p.Key, Action = MatchAction.Link, SalesforceId = p.Value }));
                request.Decisions.AddRange((parse.GetValue(create) ?? []).Select(app => new MatchDecision { AppId = app, Action = MatchAction.Create }));
                request.Decisions.AddRange((parse.GetValue(skip) ?? []).Select(app => new MatchDecision { AppId = app, Action = MatchAction.DoNotSync }));
                if (request.Decisions.Count == 0)
                {
                    throw new InputException("Give at least one decision: --link app-id=salesforce-id, --create app-id or --skip app-id.");
                }

                var answer = await platform.Matching.ResolveMatchesAsync(request, cancellationToken: token);
                var table = Table(answer.Results, ["APP ID", "APPLIED", "PAIR", "STATUS", "SALESFORCE ID", "ERROR"], r => [r.AppId, r.Applied.ToString(), r.PairId, r.Status.ToString(), r.SalesforceId, r.Error]);
                return table with { Json = Google.Protobuf.JsonFormatter.Default.Format(answer), ExitCode = answer.Results.All(r => r.Applied) ? ExitCodes.Success : ExitCodes.Failed };
            }),
            Verb("complete", "End matching and run the first sync, showing its progress.", [integration, createUndecided, _quiet], async (parse, platform, token) =>
            {
                var id = parse.GetValue(integration)!;
                var answer = await WithProgressAsync(parse, platform, id, () => platform.Matching.CompleteMatchingAsync(new CompleteMatchingRequest { IntegrationId = id, CreateUndecided = parse.GetValue(createUndecided) }, cancellationToken: token).ResponseAsync, token);
                return Line(answer, $"Matching of {id} completed. {Describe(id, answer.Report)}");
            }));
    }

    private static Printed MatchingLine(MatchingStatus status) =>
        Line(status, $"{status.IntegrationId}: {(status.Matching ? "matching" : "not matching")}. " +
            string.Join("; ", status.Mappings.Select(m => $"{m.Mapping}: {m.Undecided} undecided, {m.Linked} linked, {m.Excluded} excluded, {m.SalesforceUnmatched} Salesforce records unmatched")));
}
