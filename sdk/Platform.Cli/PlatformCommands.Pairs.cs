using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Platform.Control.V1;
using Spectre.Console;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    private static readonly Dictionary<string, PairStatus> PairStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["linked"] = PairStatus.Linked,
        ["app-only"] = PairStatus.AppOnly,
        ["salesforce-only"] = PairStatus.SalesforceOnly,
        ["excluded"] = PairStatus.Excluded,
        ["broken"] = PairStatus.Broken,
        ["deleted"] = PairStatus.Deleted,
        ["held"] = PairStatus.Held,
    };

    private Command Pairs()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var pairId = new Argument<string>("pair-id") { Description = "The pair's id." };
        var mapping = new Option<string?>("--mapping") { Description = "The mapping (default: the integration's only one)." };
        var status = new Option<string?>("--status") { Description = "Only pairs in this status." };
        status.AcceptOnlyFromAmong([.. PairStatuses.Keys]);
        var attention = new Option<bool>("--attention") { Description = "Only pairs whose writes failed for good or need review." };
        var open = new Option<bool>("--open-writes") { Description = "Only pairs with writes not confirmed yet or due for retry." };
        var limit = Limit(100);
        var appId = new Option<string>("--app-id") { Description = "The app record's id.", Required = true };
        var salesforceId = new Option<string>("--salesforce-id") { Description = "The Salesforce record's id.", Required = true };
        var filter = new Option<string[]>("--filter") { Description = "Only records whose app field equals this, field=value (repeat for more)." };
        var note = new Option<string?>("--note") { Description = "Why (kept on the pair)." };
        var include = new Option<bool>("--include") { Description = "Undo an exclusion: sync the pair again." };
        var sequence = new Argument<long>("sequence") { Description = "The failed write's sequence (SEQ in 'platform logs')." };
        var set = new Option<string[]>("--set") { Description = "A corrected value, target field=value (repeat for more; empty clears the field).", AllowMultipleArgumentsPerToken = false };
        PairRef Ref(ParseResult parse) => new() { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", PairId = parse.GetValue(pairId)! };

        return Area("pairs", "Paired records: list, inspect, link, unlink, exclude, sync one now.",
            Verb("list", "List an integration's pairs.", [integration, mapping, status, attention, open, limit], async (parse, platform, token) =>
                Table(await CommandInput.AllPagesAsync(page => platform.Pairs.ListPairsAsync(new ListPairsRequest
                        {
                            IntegrationId = parse.GetValue(integration)!,
                            Mapping = parse.GetValue(mapping) ?? "",
                            Status = parse.GetValue(status) is { } s ? PairStatuses[s] : PairStatus.Unspecified,
                            NeedsAttention = parse.GetValue(attention),
                            OpenWrites = parse.GetValue(open),
                            PageToken = page,
                        }, cancellationToken: token).ResponseAsync, answer => answer.Pairs, answer => answer.NextPageToken, parse.GetValue(limit)),
                    ["MAPPING", "PAIR", "APP ID", "SALESFORCE ID", "STATUS", "OPEN WRITES", "ATTENTION", "UPDATED"],
                    p => [p.Mapping, p.PairId, p.AppId, p.SalesforceId, p.Status.ToString(), p.OpenWrites.ToString(), p.NeedsAttention.ToString(), When(p.UpdatedAt)])),
            Verb("records", "List the app's records as the integration's display settings show them (columns, filters).", [integration, mapping, filter, limit], async (parse, platform, token) =>
            {
                IReadOnlyList<ListColumn> columns = [];
                var rows = await CommandInput.AllPagesAsync(
                    async page =>
                    {
                        var request = new ListRecordsRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", PageToken = page };
                        request.Filters.Add(new Dictionary<string, string>(CommandInput.Pairs("--filter", parse.GetValue(filter))));
                        var answer = await platform.Pairs.ListRecordsAsync(request, cancellationToken: token);
                        columns = answer.Columns;
                        return answer;
                    },
                    answer => answer.Records,
                    answer => answer.NextPageToken,
                    parse.GetValue(limit));
                return Table(rows, ["PAIR", "APP ID", "SALESFORCE ID", "STATUS", .. columns.Select(c => c.AppField.ToUpperInvariant())],
                    r => [r.PairId, r.AppId, r.SalesforceId, r.Status.ToString(), .. columns.Select(c => r.Values.GetValueOrDefault(c.AppField))]);
            }),
            Verb("get", "Show a pair: both records' values, what was last synced, pending writes, conflicts.", [integration, pairId, mapping], async (parse, platform, token) =>
            {
                var pair = await platform.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", PairId = parse.GetValue(pairId)! }, cancellationToken: token);
                var fields = pair.AppValues.Keys.Union(pair.SalesforceValues.Keys).Order(StringComparer.Ordinal).ToList();
                var table = new Table().Border(TableBorder.Simple).AddColumns("FIELD", "APP", "SALESFORCE");
                foreach (var field in fields)
                {
                    table.AddRow(Markup.Escape(field), Markup.Escape(pair.AppValues.GetValueOrDefault(field) ?? ""), Markup.Escape(pair.SalesforceValues.GetValueOrDefault(field) ?? ""));
                }

                table.Caption($"{pair.PairId}: app {pair.AppId} ↔ Salesforce {pair.SalesforceId}, {pair.Status}, {pair.Outbox.Count} pending writes, {pair.Conflicts.Count} conflicts");
                return new Printed(Google.Protobuf.JsonFormatter.Default.Format(pair), table);
            }),
            Verb("link", "Pair an app record with a Salesforce record by hand.", [integration, mapping, appId, salesforceId], async (parse, platform, token) =>
            {
                var pair = await platform.Pairs.LinkPairAsync(new LinkPairRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", AppId = parse.GetValue(appId)!, SalesforceId = parse.GetValue(salesforceId)! }, cancellationToken: token);
                return Line(pair, $"Linked app {pair.AppId} ↔ Salesforce {pair.SalesforceId} as pair {pair.PairId}.");
            }),
            Verb("unlink", "Break a pair; both records stay, unpaired.", [integration, pairId, mapping], async (parse, platform, token) =>
            {
                var pair = await platform.Pairs.UnlinkPairAsync(Ref(parse), cancellationToken: token);
                return Line(pair, $"Pair {pair.PairId} unlinked.");
            }),
            Verb("exclude", "Stop syncing a pair (--include to sync it again).", [integration, pairId, mapping, include, note], async (parse, platform, token) =>
            {
                var pair = await platform.Pairs.ExcludePairAsync(new ExcludePairRequest { Pair = Ref(parse), Exclude = !parse.GetValue(include), Note = parse.GetValue(note) ?? "" }, cancellationToken: token);
                return Line(pair, $"Pair {pair.PairId} {(parse.GetValue(include) ? "included again" : "excluded")}.");
            }),
            Verb("retry", "Retry a failed write now, optionally with corrected values.", [integration, pairId, sequence, mapping, set], async (parse, platform, token) =>
            {
                var request = new RetryWriteRequest { Pair = Ref(parse), Sequence = parse.GetValue(sequence) };
                request.Corrections.Add(new Dictionary<string, string>(CommandInput.Pairs("--set", parse.GetValue(set))));
                var report = await platform.Pairs.RetryWriteAsync(request, cancellationToken: token);
                return Line(report, Describe(parse.GetValue(integration)!, report), report.Failures > 0 ? ExitCodes.Failed : ExitCodes.Success);
            }),
            Verb("touch", "Sync one pair now, reading both records fresh.", [integration, pairId, mapping], async (parse, platform, token) =>
            {
                var report = await platform.Pairs.TouchPairAsync(new TouchPairRequest { IntegrationId = parse.GetValue(integration)!, Mapping = parse.GetValue(mapping) ?? "", PairId = parse.GetValue(pairId)! }, cancellationToken: token);
                return Line(report, Describe(parse.GetValue(integration)!, report));
            }));
    }

    /// <summary><c>logs &lt;integration&gt;</c>: the sync log, newest first, filtered.</summary>
    private Command Logs()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var state = new Option<string?>("--state") { Description = "Only entries in this state: succeeded, failed, needsreview, settled…" };
        var pair = new Option<string?>("--pair") { Description = "Only this pair's entries." };
        var record = new Option<string?>("--record") { Description = "Only entries about this app or Salesforce record id." };
        var text = new Option<string?>("--text") { Description = "Only entries whose message or error contains this." };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only entries at or after this time, e.g. 2026-11-23T08:00:00Z." };
        var limit = Limit(50);
        return Verb("logs", "Show an integration's sync log, newest first.", [integration, state, pair, record, text, since, limit], async (parse, platform, token) =>
            Table(await CommandInput.AllPagesAsync(page => platform.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest
                    {
                        IntegrationId = parse.GetValue(integration)!,
                        State = parse.GetValue(state) ?? "",
                        PairId = parse.GetValue(pair) ?? "",
                        RecordId = parse.GetValue(record) ?? "",
                        Text = parse.GetValue(text) ?? "",
                        From = parse.GetValue(since) is { } from ? Timestamp.FromDateTimeOffset(from) : null,
                        PageSize = Math.Min(parse.GetValue(limit), 500),
                        PageToken = page,
                    }, cancellationToken: token).ResponseAsync, answer => answer.Entries, answer => answer.NextPageToken, parse.GetValue(limit)),
                ["AT", "MAPPING", "PAIR", "OPERATION", "STATE", "TARGET", "SEQ", "ERROR"],
                e => [When(e.At), e.Mapping, e.PairId, e.Operation, e.State, e.Target.ToString(), e.Sequence.ToString(CultureInfo.InvariantCulture), e.Error]));
    }

    private static Option<int> Limit(int @default) => new("--limit") { Description = $"At most this many, newest or first (default {@default}; 0: all).", DefaultValueFactory = _ => @default };
}
