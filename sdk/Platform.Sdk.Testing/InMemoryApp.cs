using System.Globalization;

namespace Platform.Sdk.Testing;

/// <summary>
/// The app as the platform's app gateway shows it to a connector, in memory: its change feed holds what the app pushed
/// (never the platform's own writes), writes are applied at once, and the <see cref="FaultInjector"/> makes it fail.
/// </summary>
internal sealed class InMemoryApp(FaultInjector faults) : IAppClient, IConformanceApp
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Entity, string Id), Dictionary<string, object?>> _records = [];
    private readonly List<(string Entity, AppChange Change)> _feed = [];
    private int _nextId;

    public Task<string> AddAsync(string entity, IReadOnlyDictionary<string, object?> values, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var id = NewId();
            _records[(entity, id)] = new(values);
            _feed.Add((entity, new AppChange { Id = id, Kind = AppChangeKind.Upserted, Record = Record(id, values) }));
            return Task.FromResult(id);
        }
    }

    public async Task<AppChangePage> GetChangesAsync(string entity, string? cursor, int maxCount, CancellationToken cancellationToken)
    {
        await FailAsync(cancellationToken);
        lock (_lock)
        {
            var after = cursor is null ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            var page = _feed.Select((entry, index) => (entry, position: index + 1)).Where(e => e.position > after && e.entry.Entity == entity).Take(maxCount).ToList();
            return new AppChangePage
            {
                Changes = [.. page.Select(e => e.entry.Change)],
                Cursor = page.Count == 0 ? cursor : page[^1].position.ToString(CultureInfo.InvariantCulture),
            };
        }
    }

    public async Task<AppRecord?> GetAsync(string entity, string id, CancellationToken cancellationToken)
    {
        await FailAsync(cancellationToken);
        lock (_lock)
        {
            return _records.TryGetValue((entity, id), out var values) ? Record(id, values) : null;
        }
    }

    public async Task<IReadOnlyList<AppWriteResult>> WriteAsync(string entity, IReadOnlyList<AppWrite> writes, CancellationToken cancellationToken)
    {
        await FailAsync(cancellationToken);
        lock (_lock)
        {
            return [.. writes.Select(write => faults.Current == FaultKind.RefuseWrites
                ? AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "INVALID", Message = "the app refused the record" }, write.Id)
                : Apply(entity, write))];
        }
    }

    private AppWriteResult Apply(string entity, AppWrite write)
    {
        switch (write.Kind)
        {
            case AppWriteKind.Create:
                var id = NewId();
                _records[(entity, id)] = new(write.Values);
                return AppWriteResult.Success(id);
            case AppWriteKind.Update when write.Id is { } updated && _records.TryGetValue((entity, updated), out var values):
                foreach (var (field, value) in write.Values)
                {
                    values[field] = value;
                }

                return AppWriteResult.Success(updated);
            case AppWriteKind.Delete:
                _records.Remove((entity, write.Id ?? ""));
                return AppWriteResult.Success(write.Id ?? "");
            default:
                return AppWriteResult.Failure(new ConnectorError { Kind = ConnectorErrorKind.Permanent, Code = "NOT_FOUND", Message = $"no record {write.Id}" }, write.Id);
        }
    }

    private async Task FailAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        switch (faults.Current)
        {
            case FaultKind.Unauthorized:
                throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Unauthorized, Message = "the app's key was revoked" });
            case FaultKind.Outage or FaultKind.Throttled or FaultKind.Unreachable:
                throw new ConnectorException(new ConnectorError { Kind = ConnectorErrorKind.Transient, Message = "the app is not connected" });
            case FaultKind.Hang:
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }

    private string NewId() => $"app-{++_nextId}";

    private static AppRecord Record(string id, IReadOnlyDictionary<string, object?> values) => new() { Id = id, Values = new Dictionary<string, object?>(values) };
}
