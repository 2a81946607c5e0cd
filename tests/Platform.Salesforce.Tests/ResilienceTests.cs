using Platform.Emulators.Salesforce.Model;

namespace Platform.Salesforce.Tests;

public sealed class ResilienceTests
{
    private static Dictionary<string, object?> Values(params (string Name, object? Value)[] values) => values.ToDictionary(v => v.Name, v => v.Value);

    [Theory]
    [InlineData(FaultKind.ServiceUnavailable)]
    [InlineData(FaultKind.ServerError)]
    [InlineData(FaultKind.UnableToLockRow)]
    public async Task TransientFault_ThenSuccess_IsRetriedTransparently(FaultKind fault)
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.ConnectAsync();
        harness.Emulator.Org.Faults.Set([new FaultRule { PathContains = "/limits", Sequence = [fault, fault, FaultKind.None] }]);

        var limits = await harness.Client.GetLimitsAsync();

        limits.Keys.ShouldContain("DailyApiRequests");
        harness.EmulatorCalls("/limits").ShouldBe(3);
        harness.Logs.Entries.Count(l => l.Message.Contains("failed transiently")).ShouldBe(2);
    }

    [Fact]
    public async Task TransientFault_Persisting_GivesUpAfterMaxAttemptsAsTransient()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.ConnectAsync();
        harness.Emulator.Org.Faults.Set([new FaultRule { PathContains = "/limits", Kind = FaultKind.UnableToLockRow }]);

        var error = await Should.ThrowAsync<SalesforceException>(() => harness.Client.GetLimitsAsync());

        (error.Kind, error.ErrorCode, error.StatusCode).ShouldBe((SalesforceErrorKind.Transient, "UNABLE_TO_LOCK_ROW", 400));
        harness.EmulatorCalls("/limits").ShouldBe(4);
    }

    [Fact]
    public async Task PermanentError_IsNotRetried()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.ConnectAsync();

        var error = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CountAsync(Soql.Format($"SELECT COUNT() FROM Account WHERE Nope = 1")));

        (error.Kind, error.ErrorCode).ShouldBe((SalesforceErrorKind.Permanent, "INVALID_FIELD"));
        harness.EmulatorCalls("/query").ShouldBe(1);
    }

    [Fact]
    public async Task RequestLimitExceeded_IsABudgetErrorAndNotRetried()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.ConnectAsync();
        harness.Emulator.Org.Faults.Set([new FaultRule { Kind = FaultKind.RequestLimitExceeded }]);

        var error = await Should.ThrowAsync<SalesforceException>(() => harness.Client.GetLimitsAsync());

        (error.Kind, error.ErrorCode).ShouldBe((SalesforceErrorKind.Budget, "REQUEST_LIMIT_EXCEEDED"));
        harness.EmulatorCalls("/limits").ShouldBe(1);
    }

    [Fact]
    public async Task DroppedConnection_OnACreate_IsNotRetriedAndReportsAnUnknownOutcome()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.DescribeAsync("Account");
        harness.Emulator.Org.Faults.Set([new FaultRule { Method = "POST", Sequence = [FaultKind.DropConnection] }]);

        var error = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateManyAsync("Account", [Values(("Name", "Maybe"))], new WriteOptions { Mode = WriteMode.Collections }));

        (error.Kind, error.OutcomeUnknown).ShouldBe((SalesforceErrorKind.Transient, true));
        harness.EmulatorCalls("/composite/sobjects").ShouldBe(1);
    }

    [Fact]
    public async Task DroppedConnection_OnAnUpdate_IsRetried()
    {
        await using var harness = await Harness.StartAsync();
        var id = await harness.Client.CreateAsync("Account", Values(("Name", "Before")));
        harness.Emulator.Org.Faults.Set([new FaultRule { Method = "PATCH", Sequence = [FaultKind.DropConnection, FaultKind.None] }]);

        await harness.Client.UpdateAsync("Account", id, Values(("Name", "After")));

        (await harness.Client.GetAsync("Account", id, ["Name"]))!["Name"].ShouldBe("After");
    }

    [Fact]
    public async Task ServerErrorOnACreate_ProvesNothingHappened_SoItIsRetriedOnce()
    {
        await using var harness = await Harness.StartAsync();
        await harness.Client.DescribeAsync("Account");
        harness.Emulator.Org.Faults.Set([new FaultRule { Method = "POST", Sequence = [FaultKind.ServiceUnavailable, FaultKind.None] }]);

        var id = await harness.Client.CreateAsync("Account", Values(("Name", "Exactly once")));

        (await harness.Client.CountAsync(Soql.Format($"SELECT COUNT() FROM Account WHERE Name = {"Exactly once"}"))).ShouldBe(1);
        id.ShouldStartWith("001");
    }

    [Fact]
    public async Task Budget_ShareSpent_RefusesLocallyWithoutCallingSalesforce()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.DailyApiRequests = 100, client: o => o with { BudgetShare = 0.1 });
        for (var i = 0; i < 10; i++)
        {
            await harness.Client.GetLimitsAsync();
        }

        var callsBefore = harness.Emulator.Org.Calls.Calls.Count;
        var error = await Should.ThrowAsync<SalesforceBudgetExceededException>(() => harness.Client.GetLimitsAsync());

        error.Kind.ShouldBe(SalesforceErrorKind.Budget);
        error.Message.ShouldContain("10 of its 100 daily calls");
        (harness.Client.Budget.Used, harness.Client.Budget.Allocated, harness.Client.Budget.Allowance).ShouldBe((10, 100, 10));
        harness.Emulator.Org.Calls.Calls.Count.ShouldBe(callsBefore);
    }

    [Fact]
    public void Budget_SforceLimitInfoWithPerAppUsage_ParsesTheOrgUsage()
    {
        var budget = new ApiBudget(0.5);

        budget.Observe("api-usage=7500/15000; per-app-api-usage=17/250(appName=sample-app)");

        (budget.Used, budget.Allocated, budget.CanSpend(), budget.CanSpend(0)).ShouldBe((7500, 15000, false, true));
    }
}
