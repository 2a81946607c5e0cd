namespace Platform.Storage.Postgres;

/// <summary>A schema change, applied once per database in registration order.</summary>
/// <param name="Id">Unique and stable, e.g. <c>grain-state-0001</c>; recorded once applied.</param>
/// <param name="Sql">The statements to run, in one transaction.</param>
public sealed record PostgresMigration(string Id, string Sql);
