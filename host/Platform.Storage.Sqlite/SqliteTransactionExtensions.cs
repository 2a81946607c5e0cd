using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Platform.Storage.Sqlite;

/// <summary>Helpers for commands inside a transaction.</summary>
public static class SqliteTransactionExtensions
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> PreparedCommands = [];

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

    /// <summary>
    /// A command for <paramref name="sql"/> kept with the connection, enlisted in <paramref name="transaction"/>, with no
    /// parameters. Hot writes use it so SQLite compiles their statement once per connection instead of once per write.
    /// </summary>
    /// <param name="transaction">A transaction of the writer's connection (which lives as long as the database).</param>
    /// <param name="sql">The command text; use a constant, as each distinct text is kept.</param>
    /// <returns>The command; do not dispose it.</returns>
    public static SqliteCommand Prepared(this SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var commands = PreparedCommands.GetValue(connection, _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }
}
