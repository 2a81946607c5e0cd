using Platform.Sdk;

namespace Platform.Sync.Tests;

public sealed class ReferenceTests
{
    private static readonly EntitySchema Contact = new()
    {
        Name = "contact",
        Fields =
        [
            new() { Name = "clientId", Type = FieldType.Reference, Required = true, ReferenceTo = "client" },
            new() { Name = "lastName", Type = FieldType.String },
        ],
    };

    private static readonly MappingRules Rules = MappingRules.Compile("int-1", new ObjectMappingConfig
    {
        Name = "contacts",
        Entity = "contact",
        SalesforceObject = "Contact",
        Fields =
        [
            new() { AppField = "clientId", SalesforceField = "AccountId", ReferenceMapping = "clients" },
            new() { AppField = "lastName", SalesforceField = "LastName" },
        ],
    }, Contact, f => new SalesforceFieldInfo(f, f == "AccountId" ? "reference" : "string", true, true));

    [Theory]
    [InlineData("u-1", "001A", "u-1", "001A")]
    [InlineData("a|b", "001A", "a|b", "001A")]
    [InlineData(null, "001A", null, "001A")]
    [InlineData("u-1", null, "u-1", null)]
    public void ReferenceValue_IdOn_ReturnsEachSidesId(string? appId, string? salesforceId, string? app, string? salesforce)
    {
        var value = ReferenceValue.Of(appId, salesforceId);

        ReferenceValue.IdOn(Side.App, value).ShouldBe(app);
        ReferenceValue.IdOn(Side.Salesforce, value).ShouldBe(salesforce);
        ReferenceValue.IsResolved(value).ShouldBe(app is not null && salesforce is not null);
    }

    [Fact]
    public void Plan_ContactOfAnUnpairedAccount_WaitsWithANoteAndCreatesOnceItIsPaired()
    {
        var state = new PairState { IntegrationId = "int-1", Mapping = "contacts", PairId = "p1" };
        PairEngine.Observe(state, Salesforce(ReferenceValue.Of(null, "001A")), Rules);

        PairEngine.Plan(state, Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty();
        state.Note.ShouldBe("Waits for AccountId 001A to be paired (mapping 'clients').");

        PairEngine.Observe(state, Salesforce(ReferenceValue.Of("u-1", "001A")) with { ModifiedAt = DateTimeOffset.UnixEpoch.AddSeconds(1) }, Rules);
        var create = PairEngine.Plan(state, Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldHaveSingleItem();

        create.Values["clientId"].ShouldBe("u-1|001A");
        state.Note.ShouldBeNull();
    }

    [Fact]
    public void Plan_ContactWithoutTheAccountTheAppRequires_Waits()
    {
        var state = new PairState { IntegrationId = "int-1", Mapping = "contacts", PairId = "p1" };
        PairEngine.Observe(state, Salesforce(null), Rules);

        PairEngine.Plan(state, Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty();

        state.Note.ShouldNotBeNull().ShouldContain("AccountId (the app requires it)");
    }

    [Fact]
    public void Plan_BothSidesReferenceTheSamePair_Agree()
    {
        var state = new PairState { IntegrationId = "int-1", Mapping = "contacts", PairId = "p1" };
        PairEngine.Observe(state, Salesforce(ReferenceValue.Of("u-1", "001A")), Rules);
        PairEngine.Observe(state, new Observation { Side = Side.App, Id = "c-1", Values = new Dictionary<string, string?> { ["clientId"] = "u-1|001A", ["lastName"] = "Archer" } }, Rules);

        PairEngine.Plan(state, Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty();
        state.AppBase["clientId"].ShouldBe("u-1|001A");
    }

    private static Observation Salesforce(string? account) => new()
    {
        Side = Side.Salesforce,
        Id = "003A",
        Values = new Dictionary<string, string?> { ["AccountId"] = account, ["LastName"] = "Archer" },
        ModifiedAt = DateTimeOffset.UnixEpoch,
    };
}
