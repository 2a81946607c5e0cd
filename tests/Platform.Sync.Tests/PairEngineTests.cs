namespace Platform.Sync.Tests;

public sealed class PairEngineTests
{
    [Fact]
    public void Plan_AppRecordWithoutCounterpart_CreatesItInSalesforceWithMappedValues()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"), ("status", "active"), ("owner", "ann"), ("since", "2025-01-01"));

        var writes = sim.Sync();

        var create = writes.ShouldHaveSingleItem();
        create.Kind.ShouldBe(WriteKind.Create);
        create.Target.ShouldBe(Side.Salesforce);
        create.Values.ShouldBe(new Dictionary<string, string?> { ["Name"] = "Acme", ["Status__c"] = "Customer", ["Since__c"] = "2025-01-01" }, ignoreOrder: true);
        sim.State.Status.ShouldBe(PairStatus.Linked);
        sim.State.SalesforceId.ShouldBe(sim.SalesforceId);
    }

    [Fact]
    public void Plan_WithoutAllowCreates_WaitsForMatching()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        PairEngine.Observe(sim.State, new Observation { Side = Side.App, Id = "a1", Values = sim.App }, sim.Rules);

        PairEngine.Plan(sim.State, sim.Rules, DateTimeOffset.UnixEpoch, allowCreates: false).ShouldBeEmpty();
        sim.State.Status.ShouldBe(PairStatus.AppOnly);
    }

    [Fact]
    public void Plan_FirstLinkOfExistingRecords_FillsEmptyFieldsFromTheOtherSide()
    {
        var sim = new Simulation(ConflictPolicyKind.SalesforceIsMaster)
            .WithAppRecord(("name", "Acme"), ("amount", null))
            .WithSalesforceRecord(("Name", null), ("Amount__c", "12.5"));

        var writes = sim.Sync();

        writes.Count.ShouldBe(2);
        sim.App["amount"].ShouldBe("12.5");
        sim.Salesforce["Name"].ShouldBe("Acme");
        sim.State.Conflicts.ShouldBeEmpty();
    }

    [Fact]
    public void Plan_OneWayField_NeverClearsItsTargetOnFirstSync()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"), ("code", null)).WithSalesforceRecord(("Name", "Acme"), ("Code__c", "KEEP"));

        sim.Sync();

        sim.Salesforce["Code__c"].ShouldBe("KEEP");
    }

    [Fact]
    public void Confirm_TransientFailure_IsRetryableWithBackoff()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        sim.Sync();
        sim.EditApp("name", "Acme 2");

        sim.Sync(_ => WriteOutcome.Failure(0, "server busy", "SERVER_UNAVAILABLE", retryable: true));

        var failed = sim.State.Outbox[^1];
        failed.State.ShouldBe(OutboxState.Failed);
        failed.Retryable.ShouldBeTrue();
        failed.NextAttemptAt.ShouldNotBeNull();
        sim.State.HasOpenWrites.ShouldBeTrue();
        sim.Salesforce["Name"].ShouldBe("Acme");
    }

    [Fact]
    public void Confirm_CreateWhoseOutcomeIsUnknown_WaitsForReviewInsteadOfARetry()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));

        sim.Sync(_ => WriteOutcome.Failure(0, "no answer after the upload", PairEngine.OutcomeUnknown, retryable: false));

        var create = sim.State.Outbox.ShouldHaveSingleItem();
        create.State.ShouldBe(OutboxState.NeedsReview);
        create.NextAttemptAt.ShouldBeNull();
        sim.Sync().ShouldBeEmpty("a second create could duplicate the record the first one may have made");
    }

    [Fact]
    public void Plan_AfterAFailedWrite_PlansTheWholeDifferenceAgainAndFoldsTheOldEntry()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        sim.Sync();
        sim.EditApp("name", "Acme 2");
        sim.Sync(_ => WriteOutcome.Failure(0, "bad value", "FIELD_CUSTOM_VALIDATION_EXCEPTION", retryable: false));
        var failed = sim.State.Outbox[^1];

        sim.EditApp("amount", "99");
        var writes = sim.Sync();

        failed.State.ShouldBe(OutboxState.Merged);
        writes.ShouldHaveSingleItem().Values.ShouldBe(new Dictionary<string, string?> { ["Name"] = "Acme 2", ["Amount__c"] = "99" }, ignoreOrder: true);
    }

    [Fact]
    public void Retry_WithCorrections_SendsTheCorrectedValues()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        sim.Sync();
        sim.EditApp("name", "Way too long");
        sim.Sync(_ => WriteOutcome.Failure(0, "too long", "STRING_TOO_LONG", retryable: false));
        var failed = sim.State.Outbox[^1];

        var retry = PairEngine.Retry(sim.State, failed.Sequence, new Dictionary<string, string?> { ["Name"] = "Short" }, DateTimeOffset.UnixEpoch)!;

        retry.Values["Name"].ShouldBe("Short");
        retry.State.ShouldBe(OutboxState.Pending);
        failed.State.ShouldBe(OutboxState.Merged);
    }

    [Theory]
    [InlineData(DeletePolicy.Delete, PairStatus.Deleted)]
    [InlineData(DeletePolicy.Ignore, PairStatus.Broken)]
    public void Plan_SalesforceDelete_FollowsTheDeletePolicy(DeletePolicy policy, PairStatus expected)
    {
        var sim = new Simulation(deletes: policy).WithAppRecord(("name", "Acme"));
        sim.Sync();

        sim.DeleteSalesforce();
        var writes = sim.Sync();

        sim.State.Status.ShouldBe(expected);
        sim.AppDeleted.ShouldBe(policy == DeletePolicy.Delete);
        writes.Count.ShouldBe(policy == DeletePolicy.Delete ? 1 : 0);
        sim.Sync().ShouldBeEmpty();
    }

    [Fact]
    public void Recover_PendingCreateWithoutExternalId_NeedsReview()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        PairEngine.Observe(sim.State, new Observation { Side = Side.App, Id = "a1", Values = sim.App }, sim.Rules);
        PairEngine.Plan(sim.State, sim.Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldHaveSingleItem();

        PairEngine.Recover(sim.State, sim.Rules, DateTimeOffset.UnixEpoch).ShouldBeEmpty();

        sim.State.Outbox[^1].State.ShouldBe(OutboxState.NeedsReview);
        PairEngine.Plan(sim.State, sim.Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty("a create under review is never planned twice");
    }

    [Fact]
    public void Recover_UnknownCreateWithMatchKey_IsSettledWhenTheFeedShowsTheRecord()
    {
        var (state, rules) = UnknownSalesforceCreate();

        PairEngine.Observe(state, new Observation { Side = Side.Salesforce, Id = "001000000000009AAA", Values = new Dictionary<string, string?> { ["Name"] = "Acme" } }, rules);

        state.Outbox[^1].State.ShouldBe(OutboxState.Succeeded);
        state.Status.ShouldBe(PairStatus.Linked);
        PairEngine.ResendUnconfirmedCreates(state, rules, DateTimeOffset.UnixEpoch).ShouldBeEmpty();
        PairEngine.Plan(state, rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty("nothing differs, and the create is not repeated");
    }

    [Fact]
    public void ResendUnconfirmedCreates_NoRecordMatched_SendsTheCreateAgain()
    {
        var (state, rules) = UnknownSalesforceCreate();

        var resend = PairEngine.ResendUnconfirmedCreates(state, rules, DateTimeOffset.UnixEpoch).ShouldHaveSingleItem();

        resend.State.ShouldBe(OutboxState.Pending);
        resend.Kind.ShouldBe(WriteKind.Create);
        PairEngine.ResendUnconfirmedCreates(state, rules, DateTimeOffset.UnixEpoch).ShouldBeEmpty("sent once");
    }

    [Fact]
    public void Recover_PendingUpdateAlreadyVisible_IsSettledWithoutResending()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        sim.Sync();
        sim.EditApp("name", "Acme 2");
        PairEngine.Observe(sim.State, new Observation { Side = Side.App, Id = "a1", Values = sim.App }, sim.Rules);
        var pending = PairEngine.Plan(sim.State, sim.Rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldHaveSingleItem();
        PairEngine.Observe(sim.State, new Observation { Side = Side.Salesforce, Id = sim.SalesforceId!, Values = new Dictionary<string, string?> { ["Name"] = "Acme 2" } }, sim.Rules);

        PairEngine.Recover(sim.State, sim.Rules, DateTimeOffset.UnixEpoch).ShouldBeEmpty();

        pending.State.ShouldBe(OutboxState.Succeeded);
        sim.State.SalesforceBase["Name"].ShouldBe("Acme 2");
    }

    [Fact]
    public void Observe_OlderReportThanTheOneHeld_IsIgnored()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        var rules = sim.Rules;
        PairEngine.Observe(sim.State, new Observation { Side = Side.App, Id = "a1", Values = new Dictionary<string, string?> { ["name"] = "New" }, ModifiedAt = DateTimeOffset.UnixEpoch.AddHours(2) }, rules);

        PairEngine.Observe(sim.State, new Observation { Side = Side.App, Id = "a1", Values = new Dictionary<string, string?> { ["name"] = "Old" }, ModifiedAt = DateTimeOffset.UnixEpoch.AddHours(1) }, rules).ShouldBeFalse();

        sim.State.AppValues["name"].ShouldBe("New");
    }

    [Fact]
    public void Plan_RecordOutsideTheFilter_IsNotCreated()
    {
        var config = Simulation.Mapping(ConflictPolicyKind.SalesforceIsMaster, DeletePolicy.Delete) with
        {
            Filters = [new RecordFilter { Side = Side.App, Field = "status", Values = ["active"] }],
        };
        var rules = MappingRules.Compile("int-1", config, Simulation.Entity, _ => null);
        var state = new PairState { IntegrationId = "int-1", Mapping = "clients", PairId = "p" };
        PairEngine.Observe(state, new Observation { Side = Side.App, Id = "a1", Values = new Dictionary<string, string?> { ["name"] = "X", ["status"] = "trial" } }, rules);

        PairEngine.Plan(state, rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldBeEmpty();

        PairEngine.Observe(state, new Observation { Side = Side.App, Id = "a1", Values = new Dictionary<string, string?> { ["status"] = "active" } }, rules);
        PairEngine.Plan(state, rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldHaveSingleItem();
    }

    private static (PairState State, MappingRules Rules) UnknownSalesforceCreate()
    {
        var config = Simulation.Mapping(ConflictPolicyKind.SalesforceIsMaster, DeletePolicy.Delete) with
        {
            Match = new MatchRule { KeyFields = [new MatchKeyField("name", "Name")] },
        };
        var rules = MappingRules.Compile("int-1", config, Simulation.Entity, _ => null);
        var state = new PairState { IntegrationId = "int-1", Mapping = "clients", PairId = "p1" };
        PairEngine.Observe(state, new Observation { Side = Side.App, Id = "a1", Values = new Dictionary<string, string?> { ["name"] = "Acme" } }, rules);
        PairEngine.Plan(state, rules, DateTimeOffset.UnixEpoch, allowCreates: true).ShouldHaveSingleItem();
        PairEngine.Recover(state, rules, DateTimeOffset.UnixEpoch).ShouldBeEmpty("the outcome is unknown, so nothing is sent blindly");
        state.Outbox[^1].State.ShouldBe(OutboxState.NeedsReview);
        return (state, rules);
    }
}
