using System.Threading.Channels;
using Npgsql;
using Platform.Storage.Relational;
using Platform.Sync;

namespace Platform.Storage.Postgres.Sync;

/// <summary>
/// Group commit for pair saves. A sync saves each pair several times (observed, planned, confirmed) from thousands of
/// pair grains at once; one transaction each cost a round trip and a WAL flush per save. Saves queued while a batch is
/// in flight go together in the next: one round trip, one implicit transaction. A version conflict touches no row and
/// fails only its own save; a taken record id is an error that rolls the whole batch back, so the batch is then saved
/// one by one to tell whose it was. No caller hears "saved" before the transaction holding its save has committed.
/// </summary>
internal sealed class PostgresPairWrites : IAsyncDisposable
{
    private const int MaxBatch = 256;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly PostgresDatabase _database;
    private readonly Task _loop;

    public PostgresPairWrites(PostgresDatabase database)
    {
        _database = database;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Saves <paramref name="state"/> over <paramref name="expectedVersion"/> (0: a new pair); throws <see cref="PairConflictException"/> when it cannot.</summary>
    public Task SaveAsync(PairState state, long expectedVersion, DateTimeOffset now, byte[] payload)
    {
        var pending = new Pending(state, expectedVersion, now, payload);
        return _queue.Writer.TryWrite(pending)
            ? pending.Completion.Task
            : Task.FromException(new ObjectDisposedException(nameof(PostgresPairWrites), "The database is shutting down."));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                if (batch.Count == 1 || !await TrySaveTogetherAsync(batch))
                {
                    foreach (var pending in batch)
                    {
                        await SaveAloneAsync(pending);
                    }
                }
            }
            catch (Exception e)
            {
                // The database could not be reached: every save of the batch fails with the cause, and the loop goes on.
                batch.ForEach(p => p.Completion.TrySetException(e));
            }

            batch.Clear();
        }
    }

    private async Task<bool> TrySaveTogetherAsync(List<Pending> batch)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var commands = new NpgsqlBatch(connection);
        foreach (var pending in batch)
        {
            var command = new NpgsqlBatchCommand(pending.Sql);
            PairRows.Bind(command, pending.State, pending.ExpectedVersion, pending.Now, pending.Payload);
            commands.BatchCommands.Add(command);
        }

        try
        {
            await commands.ExecuteNonQueryAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Complete(commands.BatchCommands[i].RecordsAffected == 1);
        }

        return true;
    }

    private async Task SaveAloneAsync(Pending pending)
    {
        await using var connection = await _database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(pending.Sql, connection);
        PairRows.Bind(command, pending.State, pending.ExpectedVersion, pending.Now, pending.Payload);
        try
        {
            pending.Complete(await command.ExecuteNonQueryAsync() == 1);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            pending.Completion.TrySetException(new PairConflictException(
                $"Pair {pending.State.PairId}: another pair of mapping '{pending.State.Mapping}' already holds app id '{pending.State.AppId}' or Salesforce id '{pending.State.SalesforceId}'.", recordIdTaken: true));
        }
    }

    private sealed class Pending(PairState state, long expectedVersion, DateTimeOffset now, byte[] payload)
    {
        public PairState State { get; } = state;

        public long ExpectedVersion { get; } = expectedVersion;

        public DateTimeOffset Now { get; } = now;

        public byte[] Payload { get; } = payload;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Sql => ExpectedVersion == 0 ? PairRows.Insert : PairRows.Update;

        public void Complete(bool saved)
        {
            if (saved)
            {
                Completion.TrySetResult();
            }
            else
            {
                Completion.TrySetException(new PairConflictException($"Pair {State.PairId} was saved by another writer (expected version {ExpectedVersion})."));
            }
        }
    }
}
