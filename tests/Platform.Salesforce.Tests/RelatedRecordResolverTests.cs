using Platform.Salesforce.Related;

namespace Platform.Salesforce.Tests;

/// <summary>The sales receiver's relationship table, row by row, against the emulated org over real HTTP.</summary>
public sealed class RelatedRecordResolverTests
{
    [Theory]
    [InlineData("Lead", "Lead", RelationshipKind.Self)]
    [InlineData("Contact", "Contact", RelationshipKind.Self)]
    [InlineData("Contact", "Account", RelationshipKind.ToOne)]
    [InlineData("Contact", "Opportunity", RelationshipKind.ToMany)]
    [InlineData("Account", "Contact", RelationshipKind.ToMany)]
    [InlineData("Account", "Account", RelationshipKind.Self)]
    [InlineData("Account", "Opportunity", RelationshipKind.ToMany)]
    [InlineData("Opportunity", "Contact", RelationshipKind.ToMany)]
    [InlineData("Opportunity", "Account", RelationshipKind.ToOne)]
    [InlineData("Opportunity", "Opportunity", RelationshipKind.Self)]
    [InlineData("Lead", "Account", RelationshipKind.None)]
    [InlineData("Account", "Lead", RelationshipKind.None)]
    public void Between_EveryRowOfTheTable_HasItsKind(string trigger, string wanted, RelationshipKind kind) =>
        Relationship.Between(trigger, wanted).Kind.ShouldBe(kind);

    [Fact]
    public async Task SameObject_IsTheRecordItself()
    {
        await using var org = await OrgAsync();
        var lead = await org.Client.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Company"] = "P Ltd", ["Email"] = "p@p.example" });

        var found = await Resolve(org, "Lead", lead, ("Lead", "Email"));

        found.Values["Lead.Email"].ShouldBe("p@p.example");
        found.Notes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Contact")]
    [InlineData("Opportunity")]
    public async Task OneToOne_IsTheAccountIfSetElseNull(string trigger)
    {
        await using var org = await OrgAsync();
        var account = await org.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        var with = await CreateAsync(org, trigger, account);
        var without = await CreateAsync(org, trigger, null);

        (await Resolve(org, trigger, with, ("Account", "Name"))).Values["Account.Name"].ShouldBe("Acme");
        var missing = await Resolve(org, trigger, without, ("Account", "Name"));
        missing.Values["Account.Name"].ShouldBeNull();
        missing.Notes.ShouldHaveSingleItem().ShouldContain("has no Account");
    }

    [Theory]
    [InlineData("Account", "Contact")]
    [InlineData("Account", "Opportunity")]
    [InlineData("Contact", "Opportunity")]
    [InlineData("Opportunity", "Contact")]
    public async Task OneToMany_IsTheRecordOnlyWhenExactlyOneExists(string trigger, string wanted)
    {
        await using var org = await OrgAsync();
        var account = await org.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        var triggerId = trigger == "Account" ? account : await CreateAsync(org, trigger, account);
        var field = wanted == "Contact" ? "LastName" : "Name";

        var none = await Resolve(org, trigger, triggerId, (wanted, field));
        var first = await RelateAsync(org, trigger, triggerId, wanted, account, "First");
        var one = await Resolve(org, trigger, triggerId, (wanted, field));
        await RelateAsync(org, trigger, triggerId, wanted, account, "Second");
        var two = await Resolve(org, trigger, triggerId, (wanted, field));

        none.Values[$"{wanted}.{field}"].ShouldBeNull();
        none.Notes.ShouldHaveSingleItem().ShouldContain($"no related {wanted} records");
        one.Values[$"{wanted}.{field}"].ShouldBe("First");
        one.RecordIds[wanted].ShouldBe(first);
        two.Values[$"{wanted}.{field}"].ShouldBeNull();
        two.Notes.ShouldHaveSingleItem().ShouldContain($"2 related {wanted} records");
    }

    [Fact]
    public async Task NoPathOrRelationalField_IsNullWithTheReason()
    {
        await using var org = await OrgAsync();
        var account = await org.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme" });
        var contact = await CreateAsync(org, "Contact", account);
        var lead = await org.Client.CreateAsync("Lead", new Dictionary<string, object?> { ["LastName"] = "Prospect", ["Company"] = "P Ltd" });

        var relational = await Resolve(org, "Contact", contact, ("Contact", "Account.Name"), ("Contact", "LastName"));
        var noPath = await Resolve(org, "Lead", lead, ("Account", "Name"));

        relational.Values["Contact.Account.Name"].ShouldBeNull();
        relational.Values["Contact.LastName"].ShouldBe("Person");
        relational.Notes.ShouldHaveSingleItem().ShouldContain("ask for Account > Name instead");
        noPath.Values["Account.Name"].ShouldBeNull();
        noPath.Notes.ShouldHaveSingleItem().ShouldContain("Lead has no relationship to Account");
    }

    private static Task<Harness> OrgAsync() => Harness.StartAsync();

    private static Task<RelatedValues> Resolve(Harness org, string trigger, string id, params (string Object, string Field)[] fields) =>
        new RelatedRecordResolver(org.Client).ResolveAsync(trigger, id, [.. fields.Select(f => new FieldRef(f.Object, f.Field))]);

    private static Task<string> CreateAsync(Harness org, string objectName, string? accountId, string name = "Person") => objectName switch
    {
        "Contact" => org.Client.CreateAsync("Contact", new Dictionary<string, object?> { ["LastName"] = name, ["AccountId"] = accountId }),
        _ => org.Client.CreateAsync("Opportunity", new Dictionary<string, object?> { ["Name"] = name, ["StageName"] = "Prospecting", ["CloseDate"] = new DateOnly(2026, 12, 31), ["AccountId"] = accountId }),
    };

    /// <summary>Adds a <paramref name="wanted"/> record related to the trigger record: a child of the account, or a contact role.</summary>
    private static async Task<string> RelateAsync(Harness org, string trigger, string triggerId, string wanted, string account, string name)
    {
        var related = await CreateAsync(org, wanted, account, name);
        if (trigger != "Account")
        {
            var (opportunity, contact) = trigger == "Opportunity" ? (triggerId, related) : (related, triggerId);
            await org.Client.CreateAsync("OpportunityContactRole", new Dictionary<string, object?> { ["OpportunityId"] = opportunity, ["ContactId"] = contact, ["Role"] = "Decision Maker" });
        }

        return related;
    }
}
