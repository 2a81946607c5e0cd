using System.Data;
using System.Data.Common;
using System.Text;

namespace Platform.Storage.Relational;

/// <summary>Provider-neutral command helpers. Both providers accept <c>@name</c> markers and parameters named without the <c>@</c>.</summary>
public static class SqlCommands
{
    /// <summary>Adds a parameter; null becomes SQL NULL (give <paramref name="type"/> where the provider must know it).</summary>
    public static void Add(this DbCommand command, string name, object? value, DbType? type = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(Parameter(command.CreateParameter(), name, value, type));
    }

    /// <summary>Adds a parameter to one command of a batch, as <see cref="Add(DbCommand, string, object?, DbType?)"/> does.</summary>
    public static void Add(this DbBatchCommand command, string name, object? value, DbType? type = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Parameters.Add(Parameter(command.CreateParameter(), name, value, type));
    }

    private static DbParameter Parameter(DbParameter parameter, string name, object? value, DbType? type)
    {
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (type is { } dbType)
        {
            parameter.DbType = dbType;
        }

        return parameter;
    }

    /// <summary>Runs the command and maps every row.</summary>
    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(this DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(map);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>The text at <paramref name="ordinal"/>, or null.</summary>
    public static string? Text(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>The Unix-milliseconds time at <paramref name="ordinal"/>, or null.</summary>
    public static DateTimeOffset? Time(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}

/// <summary>Appends optional conditions to a query, binding each value as a parameter; a null value adds nothing.</summary>
public readonly struct SqlFilter(DbCommand command, StringBuilder sql)
{
    /// <summary>Appends <paramref name="clause"/> (which uses <c>@<paramref name="name"/></c>) when <paramref name="value"/> is not null.</summary>
    public void Add(object? value, string clause, string name)
    {
        if (value is not null)
        {
            sql.Append(clause);
            command.Add(name, value);
        }
    }
}
