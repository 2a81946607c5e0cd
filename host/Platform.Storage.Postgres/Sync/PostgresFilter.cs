using System.Text;
using Npgsql;

namespace Platform.Storage.Postgres.Sync;

/// <summary>Appends optional conditions to a query, binding each value as a parameter; a null value adds nothing.</summary>
internal readonly struct PostgresFilter(NpgsqlCommand command, StringBuilder sql)
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
