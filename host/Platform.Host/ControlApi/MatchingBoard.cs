using Platform.Grains.Integrations;
using Platform.Sync;

namespace Platform.Host.ControlApi;

/// <summary>
/// One mapping's records as the matching wizard sees them, read from the pair store: app records that would sync and
/// have no counterpart (undecided), and Salesforce records that would sync and have none (the choices).
/// </summary>
internal sealed record MatchingBoard(
    MappingRules Rules,
    IReadOnlyList<PairState> Undecided,
    IReadOnlyList<PairState> Choices,
    long Linked,
    long Excluded)
{
    /// <summary>Whether its records are matched by the wizard rather than by keys alone (e-mail, external id, stored id).</summary>
    public static bool Wizard(MappingRules rules) =>
        rules.KeyFields.Count == 0 && rules.Config.Match.ExternalIdField is null && rules.Config.Match.SalesforceIdAppField is null;

    public static async Task<MatchingBoard> LoadAsync(IPairStore pairs, MappingRulesProvider rulesProvider, string integrationId, string mapping, CancellationToken cancellationToken)
    {
        var rules = await rulesProvider.GetAsync(integrationId, mapping);
        var undecided = new List<PairState>();
        await foreach (var state in StatesAsync(pairs, integrationId, mapping, PairStatus.AppOnly, cancellationToken))
        {
            if (PairEngine.WouldCreate(rules, Side.App, state.AppValues))
            {
                undecided.Add(state);
            }
        }

        var choices = new List<PairState>();
        await foreach (var state in StatesAsync(pairs, integrationId, mapping, PairStatus.SalesforceOnly, cancellationToken))
        {
            if (PairEngine.TakesPart(rules, Side.Salesforce, state.SalesforceValues))
            {
                choices.Add(state);
            }
        }

        var counts = await pairs.CountAsync(integrationId, mapping, cancellationToken);
        return new MatchingBoard(rules, undecided, choices, counts.GetValueOrDefault(PairStatus.Linked), counts.GetValueOrDefault(PairStatus.Excluded));
    }

    private static async IAsyncEnumerable<PairState> StatesAsync(IPairStore pairs, string integrationId, string mapping, PairStatus status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = new PairQuery { IntegrationId = integrationId, Mapping = mapping, Status = status, Limit = 500 };
        while (true)
        {
            var page = await pairs.ListAsync(query, cancellationToken);
            foreach (var state in await Task.WhenAll(page.Select(p => pairs.GetAsync(integrationId, p.PairId, cancellationToken))))
            {
                if (state is not null)
                {
                    yield return state;
                }
            }

            if (page.Count < query.Limit)
            {
                yield break;
            }

            query = query with { After = page[^1].PairId };
        }
    }
}
