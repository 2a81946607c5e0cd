using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Soql;

/// <summary>Runs SOQL against the store. The caller holds the store's lock.</summary>
internal static class SoqlEngine
{
    public static QueryResult Run(string text, OrgStore store, bool includeDeleted, Func<ObjectDefinition, bool> canRead)
    {
        var query = SoqlParser.Parse(text, DateOnly.FromDateTime(store.Clock.UtcNow.UtcDateTime));
        var bound = SoqlBinder.Bind(query, text, store.Schema, store, canRead);
        IEnumerable<RecordRow> rows = store.Rows(bound.Type);
        if (!includeDeleted)
        {
            rows = rows.Where(r => !r.IsDeleted);
        }

        if (bound.Filter is { } filter)
        {
            rows = rows.Where(filter);
        }

        if (bound.CountOnly)
        {
            var count = rows.Count();
            return new QueryResult([], bound, Math.Min(count, bound.Limit ?? int.MaxValue), CountOnly: true);
        }

        if (bound.Order.Count > 0)
        {
            rows = rows.Order(new RowComparer(bound.Order, store));
        }

        if (bound.Offset is { } offset)
        {
            rows = rows.Skip(offset);
        }

        if (bound.Limit is { } limit)
        {
            rows = rows.Take(limit);
        }

        var matched = rows.ToList();
        return new QueryResult(matched, bound, matched.Count, CountOnly: false);
    }

    private sealed class RowComparer(IReadOnlyList<(FieldPath Path, bool Descending, bool NullsFirst)> order, OrgStore store) : IComparer<RecordRow>
    {
        public int Compare(RecordRow? x, RecordRow? y)
        {
            foreach (var (path, descending, nullsFirst) in order)
            {
                var a = path.Read(x!, store);
                var b = path.Read(y!, store);
                int result;
                if (a is null || b is null)
                {
                    result = a is null && b is null ? 0 : (a is null) == nullsFirst ? -1 : 1;
                    if (result != 0)
                    {
                        return result;
                    }

                    continue;
                }

                result = SoqlValues.Compare(a, b) ?? 0;
                if (result != 0)
                {
                    return descending ? -result : result;
                }
            }

            return 0;
        }
    }
}

/// <summary>A query's matching rows (a snapshot) and how to write them.</summary>
internal sealed record QueryResult(IReadOnlyList<RecordRow> Rows, BoundQuery Query, int TotalSize, bool CountOnly)
{
    public QueryProjection Projection => Query.Projection;
}
