namespace Platform.Salesforce.Related;

/// <summary>
/// Collects the values a trigger record's related records hold, following <see cref="Relationship.Between"/>: the
/// record itself, its lookup parent if set, or the one child when exactly one exists. Only direct fields are sent:
/// a relational path is null (ask for the related object's field instead, e.g. <c>Account.Name</c> rather than
/// <c>Contact.Account.Name</c>). Costs one query per object looked for (two through a junction).
/// </summary>
public sealed class RelatedRecordResolver(SalesforceClient salesforce)
{
    public async Task<RelatedValues> ResolveAsync(string triggerObject, string triggerId, IReadOnlyList<FieldRef> fields, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var notes = new List<string>();
        foreach (var relational in fields.Where(f => f.Field.Contains('.', StringComparison.Ordinal)))
        {
            values[relational.ToString()] = null;
            notes.Add($"{relational} is a relational field, which is always sent as null: ask for {relational.Field[..relational.Field.LastIndexOf('.')].Split('.')[^1]} > {relational.Field.Split('.')[^1]} instead.");
        }

        foreach (var group in fields.Where(f => !f.Field.Contains('.', StringComparison.Ordinal)).GroupBy(f => f.Object, StringComparer.OrdinalIgnoreCase))
        {
            var wanted = group.Key;
            var (id, note) = await FindAsync(triggerObject, triggerId, wanted, cancellationToken);
            ids[wanted] = id;
            var record = id is null ? null : await ReadAsync(wanted, id, group.Select(f => f.Field), cancellationToken);
            if (note is not null)
            {
                notes.Add(note);
            }

            foreach (var field in group)
            {
                values[field.ToString()] = record?.Values.GetValueOrDefault(field.Field);
            }
        }

        return new RelatedValues(values, ids, notes);
    }

    /// <summary>The id of the <paramref name="wanted"/> record the trigger record leads to, or null with the reason.</summary>
    private async Task<(string? Id, string? Note)> FindAsync(string triggerObject, string triggerId, string wanted, CancellationToken cancellationToken)
    {
        var path = Relationship.Between(triggerObject, wanted);
        switch (path.Kind)
        {
            case RelationshipKind.Self:
                return (triggerId, null);
            case RelationshipKind.ToOne:
                var trigger = await ReadAsync(triggerObject, triggerId, [path.LookupField!], cancellationToken);
                return trigger?.Values.GetValueOrDefault(path.LookupField!) is string parent
                    ? (parent, null)
                    : (null, $"{triggerObject} {triggerId} has no {wanted}: its {wanted} fields are null.");
            case RelationshipKind.ToMany:
                var select = path.JunctionTargetField ?? "Id";
                var found = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var row in salesforce.ReadAsync(Soql.Format($"SELECT {SoqlIdentifier.Of(select)} FROM {SoqlIdentifier.Of(path.ChildObject!)} WHERE {SoqlIdentifier.Of(path.ChildField!)} = {triggerId} LIMIT 20"), cancellationToken: cancellationToken))
                {
                    found.Add(select == "Id" ? row.Id : (string)row.Values[select]!);
                }

                return found.Count == 1
                    ? (found.First(), null)
                    : (null, $"{triggerObject} {triggerId} has {(found.Count == 0 ? "no" : found.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))} related {wanted} records; values are sent only when exactly one exists, so its {wanted} fields are null.");
            default:
                return (null, $"{triggerObject} has no relationship to {wanted}: its {wanted} fields are null.");
        }
    }

    private async Task<SalesforceRecord?> ReadAsync(string objectName, string id, IEnumerable<string> fields, CancellationToken cancellationToken)
    {
        await foreach (var record in salesforce.ReadAsync(Soql.Format($"SELECT {SoqlIdentifier.List(["Id", .. fields.Where(f => f != "Id").Distinct(StringComparer.OrdinalIgnoreCase)])} FROM {SoqlIdentifier.Of(objectName)} WHERE Id = {id}"), cancellationToken: cancellationToken))
        {
            return record;
        }

        return null;
    }
}
