namespace Platform.Host.Sandbox;

/// <summary>The demo people: some only in Salesforce, some only in the app, and some in both (matched by e-mail, never duplicated).</summary>
internal static class SandboxData
{
    public static readonly (string First, string Last, string Title)[] SalesforceOnly =
    [
        ("Grace", "Hopper", "Rear Admiral"), ("Katherine", "Johnson", "Mathematician"), ("Margaret", "Hamilton", "Director"),
        ("Frances", "Allen", "Fellow"), ("Barbara", "Liskov", "Professor"), ("Radia", "Perlman", "Engineer"),
    ];

    public static readonly (string First, string Last, string Title)[] AppOnly =
    [
        ("Alan", "Turing", "Researcher"), ("Edsger", "Dijkstra", "Professor"), ("Donald", "Knuth", "Author"),
        ("Tim", "Berners-Lee", "Director"), ("Dennis", "Ritchie", "Engineer"), ("Ken", "Thompson", "Engineer"),
    ];

    public static readonly (string First, string Last, string Title)[] Both =
    [
        ("Ada", "Lovelace", "Analyst"), ("Hedy", "Lamarr", "Inventor"), ("Annie", "Easley", "Programmer"),
    ];

    public static string Email(string first, string last) => $"{first}.{last}@example.com".ToLowerInvariant();
}
