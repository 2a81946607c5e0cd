using System.Text.Json;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Emulators.Salesforce.Tests;

public sealed class SObjectTests
{
    [Fact]
    public async Task Create_ValidAccount_Returns201WithLocationAnd18CharacterId()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.PostAsync("sobjects/Account", new { Name = "Acme", Industry = "Banking" });

        reply.Status.ShouldBe(201);
        var id = reply.Body.GetProperty("id").GetString()!;
        id.Length.ShouldBe(18);
        id.ShouldStartWith("001");
        SalesforceId.Normalize(id[..15]).ShouldBe(id);
        reply.Body.GetProperty("success").GetBoolean().ShouldBeTrue();
        reply.Headers["Location"].ShouldBe($"/services/data/v60.0/sobjects/Account/{id}");
    }

    [Fact]
    public async Task Get_CreatedRecord_ReturnsEveryFieldWithSystemFieldsAndCompoundAddress()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "Acme", BillingCity = "Austin", BillingStreet = "1 Main", AnnualRevenue = 139000000 });

        var record = (await org.GetAsync($"sobjects/Account/{id}")).Body;

        record.GetProperty("attributes").GetProperty("type").GetString().ShouldBe("Account");
        record.GetProperty("IsDeleted").GetBoolean().ShouldBeFalse();
        record.GetProperty("OwnerId").GetString().ShouldBe(org.Emulator.Org.DefaultUser.UserId);
        record.GetProperty("SystemModstamp").GetString()!.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000\+0000$");
        record.GetProperty("BillingAddress").GetProperty("city").GetString().ShouldBe("Austin");
        record.GetProperty("AnnualRevenue").GetDecimal().ShouldBe(139000000m);
        record.GetProperty("ShippingAddress").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Get_FieldsParameter_ReturnsOnlyThoseFields()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "Acme" });

        var record = (await org.GetAsync($"sobjects/Account/{id}?fields=Name,Industry")).Body;

        record.EnumerateObject().Select(p => p.Name).ShouldBe(["attributes", "Name", "Industry"]);
    }

    [Fact]
    public async Task Update_ThenGet_ChangesValuesAndAdvancesLastModified()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Contact", new { FirstName = "Ada", LastName = "Lovelace" });
        org.Emulator.Org.Clock.Advance(TimeSpan.FromMinutes(5));

        var update = await org.PatchAsync($"sobjects/Contact/{id}", new { Title = "Countess" });
        var record = (await org.GetAsync($"sobjects/Contact/{id}")).Body;

        update.Status.ShouldBe(204);
        update.Text.ShouldBeEmpty();
        record.GetProperty("Title").GetString().ShouldBe("Countess");
        record.GetProperty("Name").GetString().ShouldBe("Ada Lovelace");
        record.GetProperty("LastModifiedDate").GetString().ShouldNotBe(record.GetProperty("CreatedDate").GetString());
    }

    [Fact]
    public async Task Delete_Twice_SecondIsEntityIsDeleted404()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Account", new { Name = "Doomed" });

        var first = await org.DeleteAsync($"sobjects/Account/{id}");
        var second = await org.DeleteAsync($"sobjects/Account/{id}");

        first.Status.ShouldBe(204);
        second.Status.ShouldBe(404);
        second.Error.ShouldBe(("ENTITY_IS_DELETED", "entity is deleted"));
    }

    [Fact]
    public async Task Delete_AccountWithContacts_CascadesToTheContacts()
    {
        await using var org = await TestOrg.StartAsync();
        var account = await org.CreateAsync("Account", new { Name = "Parent" });
        var contact = await org.CreateAsync("Contact", new { LastName = "Child", AccountId = account });

        await org.DeleteAsync($"sobjects/Account/{account}");

        (await org.GetAsync($"sobjects/Contact/{contact}")).Status.ShouldBe(404);
    }

    [Fact]
    public async Task Get_UnknownId_IsNotFound404()
    {
        await using var org = await TestOrg.StartAsync();

        var reply = await org.GetAsync("sobjects/Account/001000000000000AAA");

        reply.Status.ShouldBe(404);
        reply.Error.ShouldBe(("NOT_FOUND", "The requested resource does not exist"));
    }

    [Theory]
    [MemberData(nameof(InvalidWrites))]
    public async Task Create_InvalidValue_FailsWithSalesforceErrorCodeAndFields(string type, string body, string code, string messageStart, string[] fields)
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
            {
                ["Account"] =
                [
                    new() { Name = "Tier__c", Type = "picklist", Values = ["Gold", "Silver"], Restricted = true, Label = "Tier" },
                    new() { Name = "Regions__c", Type = "multipicklist", Values = ["EMEA", "APAC"], Label = "Regions" },
                ],
            },
        });

        var reply = await org.PostAsync($"sobjects/{type}", body);

        reply.Status.ShouldBe(400, reply.Text);
        reply.Error.Code.ShouldBe(code);
        reply.Error.Message.ShouldStartWith(messageStart);
        if (fields.Length > 0)
        {
            reply.Body[0].GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldBe(fields);
        }
    }

    public static TheoryData<string, string, string, string, string[]> InvalidWrites() => new()
    {
        { "Account", """{"Industry":"Banking"}""", "REQUIRED_FIELD_MISSING", "Required fields are missing: [Name]", ["Name"] },
        { "Contact", """{"FirstName":"x"}""", "REQUIRED_FIELD_MISSING", "Required fields are missing: [LastName]", ["LastName"] },
        { "Account", $$"""{"Name":"{{new string('x', 256)}}"}""", "STRING_TOO_LONG", "Account Name: data value too large:", ["Name"] },
        { "Account", """{"Name":"A","Tier__c":"Bronze"}""", "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "Tier: bad value for restricted picklist field: Bronze", ["Tier__c"] },
        { "Account", """{"Name":"A","Regions__c":["EMEA","APAC"]}""", "JSON_PARSER_ERROR", "Cannot deserialize instance of multipicklist from START_ARRAY", [] },
        { "Account", """{"Name":"A","NumberOfEmployees":"many"}""", "JSON_PARSER_ERROR", "Cannot deserialize instance of int from VALUE_STRING value many", [] },
        { "Account", """{"Name":"A","Foo":"bar"}""", "INVALID_FIELD", "No such column 'Foo' on sobject of type Account", [] },
        { "Account", """{"Name":"A","BillingAddress":{"city":"x"}}""", "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: BillingAddress.", ["BillingAddress"] },
        { "Account", """{"Name":"A","CreatedDate":"2020-01-01T00:00:00Z"}""", "INVALID_FIELD_FOR_INSERT_UPDATE", "Unable to create/update fields: CreatedDate.", ["CreatedDate"] },
        { "Contact", """{"LastName":"x","Email":"not an email"}""", "INVALID_EMAIL_ADDRESS", "Email: invalid email address: not an email", ["Email"] },
        { "Contact", """{"LastName":"x","AccountId":"001000000000000AAA"}""", "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", ["AccountId"] },
        { "Contact", """{"LastName":"x","AccountId":"notanid"}""", "MALFORMED_ID", "Account ID: id value of incorrect type: notanid", ["AccountId"] },
        { "Opportunity", """{"Name":"Deal","StageName":"Prospecting","CloseDate":"next week"}""", "JSON_PARSER_ERROR", "Cannot deserialize instance of date", [] },
    };

    [Fact]
    public async Task Create_MultipicklistAsSemicolonString_IsStored()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Regions__c", Type = "multipicklist", Values = ["EMEA", "APAC"] }] },
        });

        var id = await org.CreateAsync("Account", new Dictionary<string, object> { ["Name"] = "A", ["Regions__c"] = "EMEA;APAC" });

        (await org.GetAsync($"sobjects/Account/{id}")).Body.GetProperty("Regions__c").GetString().ShouldBe("EMEA;APAC");
    }

    [Fact]
    public async Task Create_RestrictedPicklistPerRecordType_RejectsValuesOutsideTheRecordTypeSubset()
    {
        await using var org = await TestOrg.StartAsync(o => o.Seed = new SeedDocument
        {
            RecordTypes = [new() { SobjectType = "Account", DeveloperName = "Partner" }],
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
            {
                ["Account"] = [new() { Name = "Level__c", Type = "picklist", Values = ["Gold", "Silver", "Bronze"], Restricted = true, RecordTypeValues = new Dictionary<string, IReadOnlyList<string>> { ["Partner"] = ["Gold"] } }],
            },
        });
        var partner = (await org.GetAsync("query?q=SELECT+Id+FROM+RecordType+WHERE+DeveloperName+=+'Partner'")).Body.GetProperty("records")[0].GetProperty("Id").GetString();

        var allowed = await org.PostAsync("sobjects/Account", new Dictionary<string, object?> { ["Name"] = "A", ["RecordTypeId"] = partner, ["Level__c"] = "Gold" });
        var refused = await org.PostAsync("sobjects/Account", new Dictionary<string, object?> { ["Name"] = "B", ["RecordTypeId"] = partner, ["Level__c"] = "Silver" });
        var noRecordType = await org.PostAsync("sobjects/Account", new Dictionary<string, object?> { ["Name"] = "C", ["Level__c"] = "Silver" });

        allowed.Status.ShouldBe(201);
        refused.Error.Code.ShouldBe("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
        noRecordType.Status.ShouldBe(201);
    }

    [Theory]
    [InlineData("Block", false, 400)]
    [InlineData("Block", true, 400)]
    [InlineData("Alert", false, 400)]
    [InlineData("Alert", true, 201)]
    [InlineData("Off", false, 201)]
    public async Task Create_DuplicateLeadEmail_FollowsTheDuplicateRule(string rule, bool allowSave, int status)
    {
        await using var org = await TestOrg.StartAsync(o => o.DuplicateRule = Enum.Parse<DuplicateRuleMode>(rule));
        var first = await org.CreateAsync("Lead", new { LastName = "One", Company = "Acme", Email = "dup@example.com" });

        var reply = await org.PostAsync("sobjects/Lead", new { LastName = "Two", Company = "Acme", Email = "DUP@example.com" },
            allowSave ? [("Sforce-Duplicate-Rule-Header", "allowSave=true")] : []);

        reply.Status.ShouldBe(status);
        if (status == 400)
        {
            reply.Error.Code.ShouldBe("DUPLICATES_DETECTED");
            var match = reply.Body[0].GetProperty("duplicateResut").GetProperty("matchResults")[0].GetProperty("matchRecords")[0];
            match.GetProperty("record").GetProperty("Id").GetString().ShouldBe(first);
        }
    }

    [Fact]
    public async Task Update_ReadOnlyField_IsInvalidFieldForInsertUpdate()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Lead", new { LastName = "L", Company = "C" });

        var reply = await org.PatchAsync($"sobjects/Lead/{id}", new { IsConverted = true });

        reply.Error.Code.ShouldBe("INVALID_FIELD_FOR_INSERT_UPDATE");
    }

    [Fact]
    public async Task Create_LeadWithoutStatus_GetsTheDefaultStatus()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Lead", new { LastName = "L", Company = "C" });

        (await org.GetAsync($"sobjects/Lead/{id}")).Body.GetProperty("Status").GetString().ShouldBe("Open - Not Contacted");
    }

    [Fact]
    public async Task Opportunity_StageClosedWon_SetsIsClosedAndIsWon()
    {
        await using var org = await TestOrg.StartAsync();
        var id = await org.CreateAsync("Opportunity", new { Name = "Deal", StageName = "Closed Won", CloseDate = "2026-12-31", Amount = 1234.5 });

        var record = (await org.GetAsync($"sobjects/Opportunity/{id}")).Body;

        (record.GetProperty("IsClosed").GetBoolean(), record.GetProperty("IsWon").GetBoolean()).ShouldBe((true, true));
        record.GetProperty("CloseDate").GetString().ShouldBe("2026-12-31");
        record.GetProperty("Amount").GetDecimal().ShouldBe(1234.5m);
    }

    [Fact]
    public async Task ContentVersion_CreatedWithFirstPublishLocation_CreatesDocumentLinkAndServesTheBytes()
    {
        await using var org = await TestOrg.StartAsync();
        var opportunity = await org.CreateAsync("Opportunity", new { Name = "Deal", StageName = "Prospecting", CloseDate = "2026-12-31" });
        var bytes = "PK\u0003\u0004 response package"u8.ToArray();

        var version = await org.CreateAsync("ContentVersion", new { Title = "Response", PathOnClient = "response.zip", VersionData = Convert.ToBase64String(bytes), FirstPublishLocationId = opportunity });
        var record = (await org.GetAsync($"sobjects/ContentVersion/{version}")).Body;
        var links = (await org.GetAsync($"query?q=SELECT+ContentDocumentId+FROM+ContentDocumentLink+WHERE+LinkedEntityId+=+'{opportunity}'")).Body;
        using var blob = await org.Http.GetAsync($"/services/data/v60.0/sobjects/ContentVersion/{version}/VersionData");

        record.GetProperty("FileExtension").GetString().ShouldBe("zip");
        record.GetProperty("ContentSize").GetInt64().ShouldBe(bytes.Length);
        record.GetProperty("VersionData").GetString().ShouldBe($"/services/data/v60.0/sobjects/ContentVersion/{version}/VersionData");
        links.GetProperty("records")[0].GetProperty("ContentDocumentId").GetString().ShouldBe(record.GetProperty("ContentDocumentId").GetString());
        (await blob.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }

    [Fact]
    public async Task ContentVersion_MultipartUpload_StoresTheBinaryPart()
    {
        await using var org = await TestOrg.StartAsync();
        var bytes = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(bytes);
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent("""{"Title":"Big","PathOnClient":"big.bin"}""", System.Text.Encoding.UTF8, "application/json"), "entity_content");
        content.Add(new ByteArrayContent(bytes), "VersionData", "big.bin");

        using var response = await org.Http.PostAsync("/services/data/v60.0/sobjects/ContentVersion", content);
        var id = (await TestOrg.Json(response)).GetProperty("id").GetString();
        using var blob = await org.Http.GetAsync($"/services/data/v60.0/sobjects/ContentVersion/{id}/VersionData");

        ((int)response.StatusCode).ShouldBe(201);
        (await blob.Content.ReadAsByteArrayAsync()).ShouldBe(bytes);
    }
}
