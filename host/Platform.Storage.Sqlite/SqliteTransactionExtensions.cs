using Microsoft.Data.Sqlite;

namespace Platform.Storage.Sqlite;

/// <summary>Helpers for commands inside a transaction.</summary>
public static class SqliteTransactionExtensions
{
    /// <summary>Creates a command enlisted in <paramref name="transaction"/>.</summary>
    /// <param name="transaction">The transaction.</param>
    /// <param name="sql">The command text.</param>
    /// <returns>The command; dispose it.</returns>
    public static SqliteCommand CreateCommand(this SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
