using System.Text.Json;
using CsCheck;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Tests;

public sealed class QueryTests
{
    [Fact]
    public async Task Query_MoreRowsThanOnePage_PagesThroughNextRecordsUrlInBatchesOf2000()
    {
        await using var org = await TestOrg.StartAsync();
        Seed(org, "Account", Enumerable.Range(0, 4500).Select(i => (object)new { Name = $"Account {i:0000}" }));

        var first = await org.GetAsync("query?q=SELECT+Id,Name+FROM+Account+ORDER+BY+Name");
        var ids = first.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).ToList();
        var next = first.Body.GetProperty("nextRecordsUrl").GetString();
        var pages = 1;
        while (next is not null)
        {
            var page = await org.GetAsync(next);
            ids.AddRange(page.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()));
            next = page.Body.GetProperty("done").GetBoolean() ? null : page.Body.GetProperty("nextRecordsUrl").GetString();
            pages++;
        }

        first.Body.GetProperty("totalSize").GetInt32().ShouldBe(4500);
        first.Body.GetProperty("done").GetBoolean().ShouldBeFalse();
        first.Body.GetProperty("nextRecordsUrl").GetString()!.ShouldMatch(@"^/services/data/v60\.0/query/01g\w+-2000$");
        pages.ShouldBe(3);
        ids.Distinct().Count().ShouldBe(4500);
    }

    [Fact]
    public async Task Query_BatchSizeHeader_SetsThePageSizeWithinSalesforceBounds()
    {
        await using var org = await TestOrg.StartAsync();
        Seed(org, "Account", Enumerable.Range(0, 700).Select(i => (object)new { Name = $"A{i}" }));

        var small = await org.GetAsync("query?q=SELECT+Id+FROM+Account", ("Sforce-Query-Options", "batchSize=300"));
        var tiny = await org.GetAsync("query?q=SELECT+Id+FROM+Account", ("Sforce-Query-Options", "batchSize=10"));

        small.Body.GetProperty("records").GetArrayLength().ShouldBe(300);
        tiny.Body.GetProperty("records").GetArrayLength().ShouldBe(200);
    }

    [Fact]
    public async Task QueryAll_AfterDelete_IncludesTheDeletedRowWhichQueryOmits()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "Gone" });
        await org.DeleteAsync($"sobjects/Account/{id}");

        var query = await org.GetAsync("query?q=SELECT+Id,IsDeleted+FROM+Account");
        var queryAll = await org.GetAsync("queryAll?q=SELECT+Id,IsDeleted+FROM+Account");

        query.Body.GetProperty("totalSize").GetInt32().ShouldBe(0);
        queryAll.Body.GetProperty("records")[0].GetProperty("IsDeleted").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Query_Count_ReturnsTotalSizeAndNoRecords()
    {
        await using var org = await TestOrg.StartAsync();
        Seed(org, "Account", Enumerable.Range(0, 26).Select(i => (object)new { Name = $"A{i}", NumberOfEmployees = i }));

        var reply = await org.GetAsync("query?q=SELECT+COUNT()+FROM+Account+WHERE+NumberOfEmployees+>=+10");

        reply.Text.ShouldBe("""{"totalSize":16,"done":true,"records":[]}""");
    }

    [Fact]
    public async Task Query_ParentRelationshipFields_AreNestedObjectsOrNull()
    {
        await using var org = await TestOrg.StartAsync();
        var account = await org.CreateAsync("Account", new { Name = "Parent Co", Industry = "Banking" });
        await org.CreateAsync("Contact", new { LastName = "WithAccount", AccountId = account });
        await org.CreateAsync("Contact", new { LastName = "Orphan" });

        var records = (await org.GetAsync("query?q=SELECT+LastName,Account.Name,Account.Industry,Account.Owner.Name+FROM+Contact+ORDER+BY+LastName")).Body.GetProperty("records");

        records[0].GetProperty("Account").ValueKind.ShouldBe(JsonValueKind.Null);
        var parent = records[1].GetProperty("Account");
        parent.GetProperty("attributes").GetProperty("type").GetString().ShouldBe("Account");
        (parent.GetProperty("Name").GetString(), parent.GetProperty("Industry").GetString()).ShouldBe(("Parent Co", "Banking"));
        parent.GetProperty("Owner").GetProperty("Name").GetString().ShouldBe("Emulator Admin");
    }

    [Theory]
    [InlineData("Name = 'Bravo'", new[] { "Bravo" })]
    [InlineData("Name = 'bravo'", new[] { "Bravo" })]
    [InlineData("Name != 'Bravo'", new[] { "Alpha", "Charlie", "Delta" })]
    [InlineData("NumberOfEmployees > 10", new[] { "Charlie", "Delta" })]
    [InlineData("NumberOfEmployees <= 10", new[] { "Alpha", "Bravo" })]
    [InlineData("NumberOfEmployees = null", new string[0])]
    [InlineData("Industry = null", new[] { "Delta" })]
    [InlineData("Industry != null", new[] { "Alpha", "Bravo", "Charlie" })]
    [InlineData("Name IN ('Alpha', 'Delta', 'Zulu')", new[] { "Alpha", "Delta" })]
    [InlineData("Name NOT IN ('Alpha', 'Delta')", new[] { "Bravo", "Charlie" })]
    [InlineData("Name LIKE 'b%'", new[] { "Bravo" })]
    [InlineData("Name LIKE '%a_'", new string[0])]
    [InlineData("Name LIKE '_elta'", new[] { "Delta" })]
    [InlineData("Active__c = true", new[] { "Alpha", "Charlie" })]
    [InlineData("Regions__c INCLUDES ('EMEA')", new[] { "Alpha", "Bravo" })]
    [InlineData("Regions__c INCLUDES ('EMEA;APAC')", new[] { "Alpha" })]
    [InlineData("Regions__c EXCLUDES ('APAC')", new[] { "Bravo", "Charlie", "Delta" })]
    [InlineData("Since__c > 2024-06-01", new[] { "Charlie", "Delta" })]
    [InlineData("Reviewed__c < 2025-01-01T00:00:00Z", new[] { "Alpha" })]
    [InlineData("(Name = 'Alpha' OR Name = 'Bravo') AND NumberOfEmployees > 1", new[] { "Bravo" })]
    [InlineData("NOT Name = 'Alpha'", new[] { "Bravo", "Charlie", "Delta" })]
    [InlineData("Name = 'O\\'Brien'", new string[0])]
    public async Task Query_WhereClause_FiltersAsSalesforceDoes(string where, string[] expected)
    {
        await using var org = await FilterOrg();

        var reply = await org.GetAsync($"query?q={Uri.EscapeDataString($"SELECT Name FROM Account WHERE {where} ORDER BY Name")}");

        reply.Status.ShouldBe(200, reply.Text);
        reply.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("ORDER BY Industry ASC NULLS FIRST, Name", new[] { "Delta", "Alpha", "Bravo", "Charlie" })]
    [InlineData("ORDER BY Industry DESC NULLS LAST", new[] { "Charlie", "Bravo", "Alpha", "Delta" })]
    [InlineData("ORDER BY NumberOfEmployees DESC LIMIT 2", new[] { "Delta", "Charlie" })]
    [InlineData("ORDER BY Name LIMIT 2 OFFSET 1", new[] { "Bravo", "Charlie" })]
    public async Task Query_OrderLimitOffset_ShapeTheResult(string tail, string[] expected)
    {
        await using var org = await FilterOrg();

        var reply = await org.GetAsync($"query?q={Uri.EscapeDataString($"SELECT Name FROM Account {tail}")}");

        reply.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()).ShouldBe(expected);
    }

    [Theory]
    [InlineData("invalid", "MALFORMED_QUERY", "unexpected token: 'invalid'")]
    [InlineData("SELECT Id FROM Account WHERE", "MALFORMED_QUERY", "unexpected token: '<EOF>'")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'a' AND Name = 'b' OR Name = 'c'", "MALFORMED_QUERY", "unexpected token: 'OR'")]
    [InlineData("SELECT Nope FROM Account", "INVALID_FIELD", "No such column 'Nope' on entity 'Account'.")]
    [InlineData("SELECT Id, Bogus.Name FROM Contact", "INVALID_FIELD", "Didn't understand relationship 'Bogus' in field path.")]
    [InlineData("SELECT Id FROM Nothing__c", "INVALID_TYPE", "sObject type 'Nothing__c' is not supported.")]
    [InlineData("SELECT Id FROM Account WHERE NumberOfEmployees = '5'", "INVALID_QUERY_FILTER_OPERATOR", "value of filter criterion for field 'NumberOfEmployees' must be of type integer and should not be enclosed in quotes")]
    [InlineData("SELECT Id FROM Account WHERE CreatedDate > 2024-01-01", "INVALID_QUERY_FILTER_OPERATOR", "value of filter criterion for field 'CreatedDate' must be of type dateTime")]
    [InlineData("SELECT Id FROM Account WHERE Id = 'xyz'", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: xyz")]
    [InlineData("SELECT Id FROM Account WHERE Description = 'x'", "INVALID_FIELD", "field 'Description' can not be filtered in a query call")]
    [InlineData("SELECT Id FROM Account OFFSET 2001", "NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is 2000")]
    [InlineData("SELECT Id FROM Account WHERE Name = 'unterminated", "MALFORMED_QUERY", "line 1:")]
    [InlineData("SELECT Id, Id FROM Account", "MALFORMED_QUERY", "duplicate field selected: Id")]
    public async Task Query_Invalid_Is400WithSalesforceErrorShape(string soql, string code, string reason)
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.GetAsync($"query?q={Uri.EscapeDataString(soql)}");

        reply.Status.ShouldBe(400);
        reply.Error.Code.ShouldBe(code);
        reply.Error.Message.ShouldContain(reason);
    }

    [Fact]
    public async Task Query_ErrorDeepInTheQuery_UsesTheLongFormWithRowAndColumn()
    {
        await using var org = await TestOrg.StartAsync();

        var message = (await org.GetAsync($"query?q={Uri.EscapeDataString("SELECT Id, Name, Nope FROM Account")}")).Error.Message;

        message.ShouldStartWith("\n");
        message.ShouldContain("\nERROR at Row:1:Column:18\n");
        message.Split('\n')[2].TrimEnd().ShouldEndWith("^");
    }

    [Fact]
    public async Task NextPage_UnknownLocator_IsInvalidQueryLocator()
    {
        await using var org = await TestOrg.StartAsync();

        (await org.GetAsync("query/01gNOPE-2000")).Error.Code.ShouldBe("INVALID_QUERY_LOCATOR");
    }

    [Fact]
    public void Soql_RandomTokenSoup_NeverCrashesOnlyRejects()
    {
        var store = new OrgStore(new OrgSchema(DateTimeOffset.UtcNow), new EmulatorClock(TimeProvider.System), "5g");
        string[] tokens = ["SELECT", "Id", "Name", "FROM", "Account", "WHERE", "=", "'x'", "(", ")", ",", "AND", "OR", "NOT", "IN", "LIKE", "ORDER", "BY", "LIMIT", "5", "null", "2024-01-01", ".", "Owner", "COUNT", "<", "!=", "INCLUDES", "'", "\\", "OFFSET", "DESC", "NULLS", "LAST"];

        Gen.Int[0, tokens.Length - 1].Array[0, 14].Sample(indexes =>
        {
            var soql = string.Join(' ', indexes.Select(i => tokens[i]));
            try
            {
                Soql.SoqlEngine.Run(soql, store, includeDeleted: false, _ => true);
            }
            catch (Soql.SoqlException)
            {
                // Rejected with a Salesforce error: that is the expected outcome for most soups.
            }
        }, iter: 5000, threads: 1);
    }

    private static async Task<TestOrg> FilterOrg()
    {
        var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
            {
                ["Account"] =
                [
                    new() { Name = "Active__c", Type = "boolean" },
                    new() { Name = "Regions__c", Type = "multipicklist", Values = ["EMEA", "APAC", "AMER"] },
                    new() { Name = "Since__c", Type = "date" },
                    new() { Name = "Reviewed__c", Type = "datetime" },
                ],
            },
        });
        Seed(org, "Account",
        [
            new { Name = "Alpha", NumberOfEmployees = 1, Industry = "Apparel", Active__c = true, Regions__c = "EMEA;APAC", Since__c = "2024-01-01", Reviewed__c = "2024-06-01T10:00:00Z" },
            new { Name = "Bravo", NumberOfEmployees = 10, Industry = "Banking", Active__c = false, Regions__c = "EMEA", Since__c = "2024-03-01", Reviewed__c = "2025-06-01T10:00:00Z" },
            new { Name = "Charlie", NumberOfEmployees = 100, Industry = "Consulting", Active__c = true, Regions__c = "AMER", Since__c = "2024-07-01", Reviewed__c = "2025-07-01T10:00:00.000+0000" },
            new { Name = "Delta", NumberOfEmployees = 1000, Since__c = "2025-01-01" },
        ]);
        return org;
    }

    private static void Seed(TestOrg org, string type, IEnumerable<object> records) =>
        org.Emulator.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>> { [type] = [.. records.Select(r => JsonSerializer.SerializeToElement(r))] },
        });
}
