namespace Platform.Sync.Tests;

public sealed class CreateRetryTests
{
    [Fact]
    public void Plan_CreateFailedTransiently_IsSentAgainAsTheSameWriteWithItsKey()
    {
        var sim = new Simulation().WithAppRecord(("name", "Acme"));
        var first = sim.Sync(_ => WriteOutcome.Failure(0, "not acknowledged yet", "APP_NOT_ACKNOWLEDGED", retryable: true)).ShouldHaveSingleItem();
        var firstKey = first.IdempotencyKey;

        var second = sim.Sync().ShouldHaveSingleItem();

        second.Kind.ShouldBe(WriteKind.Create);
        second.Sequence.ShouldBe(first.Sequence);
        second.IdempotencyKey.ShouldBe(firstKey);
        second.Values["Name"].ShouldBe("Acme");
        sim.State.Outbox.Count(e => e.Kind == WriteKind.Create).ShouldBe(1);
        sim.SalesforceId.ShouldNotBeNull();
    }
}
