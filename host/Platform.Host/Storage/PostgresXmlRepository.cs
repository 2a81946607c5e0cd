using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using Platform.Storage.Postgres;

namespace Platform.Host.Storage;

/// <summary>
/// The data-protection key ring in PostgreSQL, so that every silo of a cluster can read secrets any other silo encrypted.
/// Keys are XML documents that are never changed once stored (they expire; new ones are added).
/// </summary>
internal sealed class PostgresXmlRepository(PostgresDatabase database) : IXmlRepository
{
    public static PostgresMigration Schema { get; } = new("data-protection-keys-0001", """
        CREATE TABLE data_protection_keys (
            name       text        PRIMARY KEY,
            xml        text        NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now()
        );
        """);

    // The key manager calls these synchronously, sometimes from inside a grain; running the async work on the thread
    // pool keeps its continuations off the grain's scheduler, which this call is blocking.
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(ReadAllAsync).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        Task.Run(() => StoreAsync(element, friendlyName)).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAllAsync()
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY created_at, name", connection);
        var elements = new List<XElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    private async Task StoreAsync(XElement element, string friendlyName)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (name, xml) VALUES (@name, @xml) ON CONFLICT (name) DO NOTHING", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        await command.ExecuteNonQueryAsync();
    }
}
