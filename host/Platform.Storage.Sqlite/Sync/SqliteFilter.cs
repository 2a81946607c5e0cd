using System.Text;
using Microsoft.Data.Sqlite;

namespace Platform.Storage.Sqlite.Sync;

/// <summary>Appends optional conditions to a query, binding each value as a parameter; a null value adds nothing.</summary>
internal readonly struct SqliteFilter(SqliteCommand command, StringBuilder sql)
{
    public void Add(object? value, string clause, string name)
    {
        if (value is not null)
        {
            sql.Append(clause);
            command.Parameters.AddWithValue(name, value);
        }
    }
}
