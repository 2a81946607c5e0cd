using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Platform.Storage.Sqlite;

/// <summary>
/// Serialises every write to the database through one connection and commits whatever is queued together in one
/// transaction (group commit). SQLite allows a single writer anyway; batching turns thousands of small grain writes per
/// second into a few dozen commits. A failing write is undone on its own (see <see cref="TryCommitTogether"/>), so it does not take the
/// others down, and no caller hears "done" before the transaction holding its write has committed.
/// </summary>
internal sealed class SqliteWriteQueue : IAsyncDisposable
{
    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new() { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly int _maxBatch;
    private readonly Task _loop;

    public SqliteWriteQueue(SqliteConnection connection, int maxBatch)
    {
        _connection = connection;
        _maxBatch = Math.Max(1, maxBatch);
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public Task<T> EnqueueAsync<T>(Func<SqliteTransaction, T> work)
    {
        var item = new WriteItem<T>(work);
        return _queue.Writer.TryWrite(item)
            ? item.Task
            : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteWriteQueue), "The database is shutting down."));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _connection.DisposeAsync();
    }

    private void Run()
    {
        var batch = new List<WriteItem>(_maxBatch);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<WriteItem> batch)
    {
        try
        {
            if (!TryCommitTogether(batch))
            {
                CommitIsolated(batch);
            }

            foreach (var item in batch)
            {
                item.Complete();
            }
        }
        catch (Exception ex)
        {
            foreach (var item in batch)
            {
                item.Fail(ex);
            }
        }
    }

    /// <summary>
    /// The common case: every write succeeds, so none needs a savepoint of its own (two statements fewer per write). If one
    /// throws, everything is rolled back and the batch runs again with savepoints; writes are plain database work, so
    /// running one again after a rollback gives the same result.
    /// </summary>
    private bool TryCommitTogether(List<WriteItem> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        foreach (var item in batch)
        {
            if (!item.Execute(transaction))
            {
                transaction.Rollback();
                return false;
            }
        }

        transaction.Commit();
        return true;
    }

    private void CommitIsolated(List<WriteItem> batch)
    {
        using var transaction = _connection.BeginTransaction(deferred: false);
        for (var i = 0; i < batch.Count; i++)
        {
            var savepoint = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            transaction.Save(savepoint);
            if (batch[i].Execute(transaction))
            {
                transaction.Release(savepoint);
            }
            else
            {
                transaction.Rollback(savepoint);
                transaction.Release(savepoint);
            }
        }

        transaction.Commit();
    }

    private abstract class WriteItem
    {
        /// <summary>Runs the write; returns false when it threw (its exception is kept for <see cref="Complete"/>).</summary>
        public abstract bool Execute(SqliteTransaction transaction);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class WriteItem<T>(Func<SqliteTransaction, T> work) : WriteItem
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _error;

        public Task<T> Task => _completion.Task;

        public override bool Execute(SqliteTransaction transaction)
        {
            _error = null;
            try
            {
                _result = work(transaction);
                return true;
            }
            catch (Exception ex)
            {
                _error = ex;
                return false;
            }
        }

        public override void Complete()
        {
            if (_error is null)
            {
                _completion.TrySetResult(_result!);
            }
            else
            {
                _completion.TrySetException(_error);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
