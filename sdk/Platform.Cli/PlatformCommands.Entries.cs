using System.CommandLine;
using System.Globalization;
using Platform.Control.V1;

namespace Platform.Cli;

public sealed partial class PlatformCommands
{
    private static readonly Dictionary<string, EntryStatus> EntryStatuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["received"] = EntryStatus.Received,
        ["processed"] = EntryStatus.Processed,
        ["failed"] = EntryStatus.Failed,
        ["review"] = EntryStatus.Review,
    };

    private Command Entries()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var id = new Argument<long>("id") { Description = "The entry's id." };
        var status = new Option<string?>("--status") { Description = "Only entries in this status." };
        status.AcceptOnlyFromAmong([.. EntryStatuses.Keys]);
        var trigger = new Option<string?>("--trigger") { Description = "Only entries fired by this Salesforce record." };
        var limit = Limit(100);
        var approve = new Option<bool>("--approve") { Description = "Process it past the review rules (you approve it)." };
        var set = new Option<string[]>("--set") { Description = "A corrected value, receiver field=value (repeat for more)." };
        var clear = new Option<string[]>("--clear") { Description = "A receiver field to clear (repeat for more)." };
        return Area("entries", "Entries received from Salesforce (receivers): list, inspect, correct and retry, approve.",
            Verb("list", "List an integration's received entries, newest first.", [integration, status, trigger, limit], async (parse, platform, token) =>
                EntryTable(await ListEntriesAsync(platform, parse.GetValue(integration)!, parse.GetValue(status) is { } s ? EntryStatuses[s] : EntryStatus.Unspecified, parse.GetValue(trigger), parse.GetValue(limit), token))),
            Verb("get", "Show an entry with its values and outcome.", [integration, id], async (parse, platform, token) =>
            {
                var entry = await platform.Entries.GetEntryAsync(new GetEntryRequest { IntegrationId = parse.GetValue(integration)!, Id = parse.GetValue(id) }, cancellationToken: token);
                var values = string.Join(", ", entry.Values.Select(v => $"{v.Field}={(v.HasValue ? v.Value : "(null)")}"));
                return Line(entry, $"Entry {entry.Id} ({entry.Action} on {entry.TriggerObject} {entry.TriggerId}): {entry.Status}{(entry.Message.Length > 0 ? $", {entry.Message}" : "")}. Values: {values}.");
            }),
            Verb("retry", "Process an entry again, with corrected values or approved past review.", [integration, id, set, clear, approve], async (parse, platform, token) =>
            {
                var request = new RetryEntryRequest { IntegrationId = parse.GetValue(integration)!, Id = parse.GetValue(id), Approve = parse.GetValue(approve) };
                request.Values.AddRange(CommandInput.Pairs("--set", parse.GetValue(set)).Select(p => new EntryValue { Field = p.Key, Value = p.Value }));
                request.Values.AddRange((parse.GetValue(clear) ?? []).Select(field => new EntryValue { Field = field }));
                var entry = await platform.Entries.RetryEntryAsync(request, cancellationToken: token);
                return Line(entry, $"Entry {entry.Id}: {entry.Status}{(entry.Message.Length > 0 ? $", {entry.Message}" : "")}.", entry.Status == EntryStatus.Processed ? ExitCodes.Success : ExitCodes.Failed);
            }));
    }

    /// <summary><c>review &lt;integration&gt;</c>: what waits for a person: pairs whose writes failed for good or need review, and entries under review or failed.</summary>
    private Command Review()
    {
        var integration = new Argument<string>("integration") { Description = "The integration's id." };
        var limit = Limit(100);
        return Verb("review", "Show the review queue: pairs needing attention and entries under review or failed.", [integration, limit], async (parse, platform, token) =>
        {
            var id = parse.GetValue(integration)!;
            var pairs = await CommandInput.AllPagesAsync(page => platform.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = id, NeedsAttention = true, PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Pairs, answer => answer.NextPageToken, parse.GetValue(limit));
            var entries = (await ListEntriesAsync(platform, id, EntryStatus.Review, null, parse.GetValue(limit), token))
                .Concat(await ListEntriesAsync(platform, id, EntryStatus.Failed, null, parse.GetValue(limit), token)).ToList();
            var pairTable = Table(pairs, ["MAPPING", "PAIR", "APP ID", "SALESFORCE ID", "STATUS"], p => [p.Mapping, p.PairId, p.AppId, p.SalesforceId, p.Status.ToString()]);
            var entryTable = EntryTable(entries);
            var human = new Spectre.Console.Rows(
                new Spectre.Console.Text($"{pairs.Count} pairs need attention (see 'platform logs {id} --pair <pair>', then 'platform pairs retry'):"),
                (Spectre.Console.Rendering.IRenderable)pairTable.Human,
                new Spectre.Console.Text($"{entries.Count} entries under review or failed (see 'platform entries get', then 'platform entries retry'):"),
                (Spectre.Console.Rendering.IRenderable)entryTable.Human);
            return new Printed($"{{\"pairs\":{pairTable.Json},\"entries\":{entryTable.Json}}}", human);
        });
    }

    private static Task<List<Entry>> ListEntriesAsync(Client.PlatformClient platform, string integration, EntryStatus status, string? trigger, int limit, CancellationToken token) =>
        CommandInput.AllPagesAsync(page => platform.Entries.ListEntriesAsync(new ListEntriesRequest { IntegrationId = integration, Status = status, TriggerId = trigger ?? "", PageToken = page }, cancellationToken: token).ResponseAsync, answer => answer.Entries, answer => answer.NextPageToken, limit);

    private static Printed EntryTable(IEnumerable<Entry> entries) =>
        Table(entries, ["ID", "RECEIVED", "ACTION", "TRIGGER", "STATUS", "ATTEMPTS", "MESSAGE"],
            e => [e.Id.ToString(CultureInfo.InvariantCulture), When(e.ReceivedAt), e.Action, $"{e.TriggerObject} {e.TriggerId}", e.Status.ToString(), e.Attempts.ToString(CultureInfo.InvariantCulture), e.Message]);
}
