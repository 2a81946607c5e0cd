using System.Globalization;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Model;

/// <summary>
/// The org's records. Callers hold <see cref="Sync"/> for every read and write so that each API request sees and makes
/// one consistent change, as a Salesforce transaction does. Writes inside <see cref="Begin"/>/<see cref="Rollback"/>
/// can be undone (allOrNone).
/// </summary>
public sealed class OrgStore(OrgSchema schema, EmulatorClock clock, string instanceCode)
{
    private readonly Dictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, RecordRow> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _sequences = new(StringComparer.Ordinal);
    private readonly List<DeletedEntry> _deleteLog = [];
    private readonly Dictionary<string, DateTimeOffset> _deleteLogStart = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ChangeRecord> _changes = [];
    private readonly List<(string Id, RecordRow? Previous)> _journal = [];
    private readonly Stack<(int Journal, int DeleteLog, int Changes)> _marks = new();

    public Lock Sync { get; } = new();

    public OrgSchema Schema { get; } = schema;

    public EmulatorClock Clock { get; } = clock;

    /// <summary>When the org was created; the delete log reaches back no further.</summary>
    public DateTimeOffset Created { get; } = clock.Timestamp;

    public IReadOnlyList<ChangeRecord> Changes => _changes;

    public RecordRow? Get(string id) =>
        _byId.GetValueOrDefault(id) ?? (SalesforceId.Normalize(id) is { } full ? _byId.GetValueOrDefault(full) : null);

    public IEnumerable<RecordRow> Rows(ObjectDefinition type) => TableOf(type).Rows.Values;

    public int Count(ObjectDefinition type) => TableOf(type).Rows.Count;

    /// <summary>Live (not deleted) records whose <paramref name="field"/> equals <paramref name="value"/>, case-insensitively.</summary>
    public IReadOnlyList<RecordRow> FindBy(ObjectDefinition type, FieldDefinition field, object value)
    {
        var index = TableOf(type).Index(field);
        return index.TryGetValue(Key(value), out var ids)
            ? [.. ids.Select(id => _byId[id]).Where(r => !r.IsDeleted)]
            : [];
    }

    public IEnumerable<DeletedEntry> DeleteLog(ObjectDefinition type) => _deleteLog.Where(d => d.Type == type);

    /// <summary>The oldest moment the delete log still covers for <paramref name="type"/>.</summary>
    public DateTimeOffset DeleteLogStart(ObjectDefinition type) => _deleteLogStart.GetValueOrDefault(type.Name, Created);

    public RecordRow Insert(ObjectDefinition type, IReadOnlyDictionary<FieldDefinition, object?> values, string userId, string? client)
    {
        var now = Clock.Timestamp;
        var row = new object?[type.Fields.Count];
        foreach (var field in type.Fields)
        {
            row[field.Index] = field.DefaultValue;
        }

        foreach (var (field, value) in values)
        {
            row[field.Index] = value;
        }

        row[0] = NewId(type);
        row[1] = false;
        Set(type, row, "OwnerId", row[Index(type, "OwnerId")] ?? userId, onlyIfPresent: true);
        Set(type, row, "CreatedDate", now, onlyIfPresent: true);
        Set(type, row, "CreatedById", userId, onlyIfPresent: true);
        Stamp(type, row, now, userId);
        ComputedFields.Apply(type, row);
        var record = new RecordRow(type, row);
        Put(record, previous: null);
        Log(type, record.Id, ChangeKind.Create, client, userId, now);
        return record;
    }

    public RecordRow Update(RecordRow current, IReadOnlyDictionary<FieldDefinition, object?> changes, string userId, string? client)
    {
        var now = Clock.Timestamp;
        var row = current.CopyValues(current.Type.Fields.Count);
        foreach (var (field, value) in changes)
        {
            row[field.Index] = value;
        }

        Stamp(current.Type, row, now, userId);
        ComputedFields.Apply(current.Type, row);
        var record = new RecordRow(current.Type, row);
        Put(record, current);
        Log(current.Type, record.Id, ChangeKind.Update, client, userId, now);
        return record;
    }

    /// <summary>Moves a record (and its cascade-deleted children) to the recycle bin.</summary>
    public void Delete(RecordRow current, string userId, string? client) => Delete(current, userId, client, masterRecordId: null);

    /// <summary>Merges <paramref name="losers"/> into <paramref name="master"/>: losers are deleted with MasterRecordId set.</summary>
    public void Merge(RecordRow master, IEnumerable<RecordRow> losers, string userId, string? client)
    {
        foreach (var loser in losers)
        {
            foreach (var (child, field) in Schema.ChildRelationships(loser.Type))
            {
                foreach (var row in Rows(child).Where(r => !r.IsDeleted && Equals(r[field], loser.Id)).ToList())
                {
                    Update(row, new Dictionary<FieldDefinition, object?> { [field] = master.Id }, userId, client);
                }
            }

            Delete(loser, userId, client, master.Id);
        }

        Log(master.Type, master.Id, ChangeKind.Merge, client, userId, Clock.Timestamp);
    }

    public void Undelete(RecordRow current, string userId, string? client)
    {
        var now = Clock.Timestamp;
        var row = current.CopyValues(current.Type.Fields.Count);
        row[1] = false;
        Stamp(current.Type, row, now, userId);
        Put(new RecordRow(current.Type, row), current);
        _deleteLog.RemoveAll(d => d.Id == current.Id);
        Log(current.Type, current.Id, ChangeKind.Undelete, client, userId, now);
    }

    /// <summary>Removes deleted records for good (emptying the recycle bin); they vanish from queryAll.</summary>
    public int PurgeDeleted()
    {
        var purged = _byId.Values.Where(r => r.IsDeleted).ToList();
        foreach (var row in purged)
        {
            TableOf(row.Type).Remove(row);
            _byId.Remove(row.Id);
        }

        return purged.Count;
    }

    /// <summary>Forgets delete-log entries older than <paramref name="before"/>, as Salesforce does when it purges the log.</summary>
    public void TruncateDeleteLog(ObjectDefinition type, DateTimeOffset before)
    {
        _deleteLog.RemoveAll(d => d.Type == type && d.DeletedDate < before);
        _deleteLogStart[type.Name] = before;
    }

    /// <summary>Starts a (possibly nested) unit of work that <see cref="Rollback"/> can undo.</summary>
    public void Begin() => _marks.Push((_journal.Count, _deleteLog.Count, _changes.Count));

    public void Commit()
    {
        _marks.Pop();
        if (_marks.Count == 0)
        {
            _journal.Clear();
        }
    }

    /// <summary>Undoes every write since the matching <see cref="Begin"/>.</summary>
    public void Rollback()
    {
        var mark = _marks.Pop();
        for (var i = _journal.Count - 1; i >= mark.Journal; i--)
        {
            var (id, previous) = _journal[i];
            var now = _byId[id];
            TableOf(now.Type).Remove(now);
            if (previous is null)
            {
                _byId.Remove(id);
            }
            else
            {
                _byId[id] = previous;
                TableOf(previous.Type).Add(previous);
            }
        }

        _journal.RemoveRange(mark.Journal, _journal.Count - mark.Journal);
        _deleteLog.RemoveRange(mark.DeleteLog, _deleteLog.Count - mark.DeleteLog);
        _changes.RemoveRange(mark.Changes, _changes.Count - mark.Changes);
    }

    internal StoreSnapshot Snapshot() => new([.. _byId.Values], new(_sequences), [.. _deleteLog], new(_deleteLogStart), _changes.Count);

    internal void Restore(StoreSnapshot snapshot)
    {
        _tables.Clear();
        _byId.Clear();
        foreach (var row in snapshot.Rows)
        {
            _byId[row.Id] = row;
            TableOf(row.Type).Add(row);
        }

        _sequences.Clear();
        foreach (var (prefix, next) in snapshot.Sequences)
        {
            _sequences[prefix] = next;
        }

        _deleteLog.Clear();
        _deleteLog.AddRange(snapshot.DeleteLog);
        _deleteLogStart.Clear();
        foreach (var (name, start) in snapshot.DeleteLogStart)
        {
            _deleteLogStart[name] = start;
        }
    }

    private void Delete(RecordRow current, string userId, string? client, string? masterRecordId)
    {
        var now = Clock.Timestamp;
        foreach (var (child, field) in Schema.ChildRelationships(current.Type).Where(c => c.Field.CascadeDelete))
        {
            foreach (var row in Rows(child).Where(r => !r.IsDeleted && Equals(r[field], current.Id)).ToList())
            {
                Delete(row, userId, client, null);
            }
        }

        var values = current.CopyValues(current.Type.Fields.Count);
        values[1] = true;
        if (masterRecordId is not null)
        {
            Set(current.Type, values, "MasterRecordId", masterRecordId, onlyIfPresent: true);
        }

        Stamp(current.Type, values, now, userId);
        Put(new RecordRow(current.Type, values), current);
        _deleteLog.Add(new DeletedEntry(current.Type, current.Id, now));
        Log(current.Type, current.Id, ChangeKind.Delete, client, userId, now);
    }

    private void Put(RecordRow row, RecordRow? previous)
    {
        var table = TableOf(row.Type);
        if (previous is not null)
        {
            table.Remove(previous);
        }

        table.Add(row);
        _byId[row.Id] = row;
        if (_marks.Count > 0)
        {
            _journal.Add((row.Id, previous));
        }
    }

    private void Log(ObjectDefinition type, string id, ChangeKind kind, string? client, string userId, DateTimeOffset at)
    {
        if (_changes.Count >= 1_000_000)
        {
            _changes.RemoveRange(0, 100_000);
        }

        _changes.Add(new ChangeRecord(_changes.Count == 0 ? 1 : _changes[^1].Sequence + 1, at, type.Name, id, kind, client, userId));
    }

    private string NewId(ObjectDefinition type)
    {
        var next = _sequences.GetValueOrDefault(type.KeyPrefix) + 1;
        _sequences[type.KeyPrefix] = next;
        return SalesforceId.Create(type.KeyPrefix, next, instanceCode);
    }

    private static void Stamp(ObjectDefinition type, object?[] row, DateTimeOffset now, string userId)
    {
        Set(type, row, "LastModifiedDate", now, onlyIfPresent: true);
        Set(type, row, "LastModifiedById", userId, onlyIfPresent: true);
        Set(type, row, "SystemModstamp", now, onlyIfPresent: true);
    }

    private static int Index(ObjectDefinition type, string field) => type.Field(field)?.Index ?? 0;

    private static void Set(ObjectDefinition type, object?[] row, string field, object? value, bool onlyIfPresent)
    {
        if (type.Field(field) is { } definition)
        {
            row[definition.Index] = value;
        }
        else if (!onlyIfPresent)
        {
            throw new InvalidOperationException($"{type.Name} has no field {field}.");
        }
    }

    private Table TableOf(ObjectDefinition type)
    {
        if (!_tables.TryGetValue(type.Name, out var table))
        {
            table = new Table();
            _tables.Add(type.Name, table);
        }

        return table;
    }

    internal static string Key(object value) => value switch
    {
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private sealed class Table
    {
        private readonly Dictionary<FieldDefinition, Dictionary<string, List<string>>> _indexes = [];

        public Dictionary<string, RecordRow> Rows { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<string>> Index(FieldDefinition field)
        {
            if (!_indexes.TryGetValue(field, out var index))
            {
                index = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var row in Rows.Values)
                {
                    AddTo(index, field, row);
                }

                _indexes.Add(field, index);
            }

            return index;
        }

        public void Add(RecordRow row)
        {
            Rows[row.Id] = row;
            foreach (var (field, index) in _indexes)
            {
                AddTo(index, field, row);
            }
        }

        public void Remove(RecordRow row)
        {
            Rows.Remove(row.Id);
            foreach (var (field, index) in _indexes)
            {
                if (row[field] is { } value && index.TryGetValue(Key(value), out var ids))
                {
                    ids.Remove(row.Id);
                }
            }
        }

        private static void AddTo(Dictionary<string, List<string>> index, FieldDefinition field, RecordRow row)
        {
            if (row[field] is not { } value)
            {
                return;
            }

            var key = Key(value);
            if (!index.TryGetValue(key, out var ids))
            {
                ids = [];
                index.Add(key, ids);
            }

            ids.Add(row.Id);
        }
    }
}

/// <summary>An entry of the delete log that getDeleted reads.</summary>
public sealed record DeletedEntry(ObjectDefinition Type, string Id, DateTimeOffset DeletedDate);

internal sealed record StoreSnapshot(
    IReadOnlyList<RecordRow> Rows,
    Dictionary<string, long> Sequences,
    IReadOnlyList<DeletedEntry> DeleteLog,
    Dictionary<string, DateTimeOffset> DeleteLogStart,
    int ChangeCount);
