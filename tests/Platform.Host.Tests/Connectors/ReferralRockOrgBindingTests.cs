using Grpc.Core;
using Platform.Control.V1;
using Platform.Host.Sandbox;

namespace Platform.Host.Tests.Connectors;

/// <summary>One Salesforce org per Referral Rock account, and sandboxes used for referral updates only.</summary>
public sealed class ReferralRockOrgBindingTests
{
    [Fact]
    public async Task OrgAlreadyConnectedToAnotherAccount_IsRefusedWithTheIntegrationNamed()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.ConnectAsync();
        await rr.Instances.CreateInstanceAsync(SampleIntegration.Instance("same-org", rr.Salesforce, name: "The same org again"));

        var refused = await Should.ThrowAsync<RpcException>(rr.ConnectAsync("other-account", "same-org", "another-public-key"));

        refused.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        refused.Status.Detail.ShouldContain("already connected to another referralrock account");
        refused.Status.Detail.ShouldContain("'referralrock'");
        refused.Status.Detail.ShouldNotContain("another-public-key");
    }

    [Fact]
    public async Task SameAccountOnTheSameOrg_IsAllowed()
    {
        await using var rr = await ReferralRockFixture.StartAsync();
        await rr.ConnectAsync();

        var second = await rr.ConnectAsync("second-program", "org", rr.ReferralRock.PublicKey);

        second.Id.ShouldBe("second-program");
    }

    [Fact]
    public async Task Sandbox_RefusesReferralAdds_AndAcceptsMappingsThatOnlyReadFromIt()
    {
        await using var rr = await ReferralRockFixture.StartAsync(sandbox: true);

        var refused = await Should.ThrowAsync<RpcException>(rr.ConnectAsync());

        refused.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        refused.Status.Detail.ShouldStartWith("mappings[0].direction:");
        refused.Status.Detail.ShouldContain("sandbox");
        var readOnly = new ObjectMappingConfig
        {
            Name = "updates",
            Entity = "referral",
            SalesforceObject = "Lead",
            Direction = SyncDirection.ToApp,
            Match = new MatchRule { KeyFields = { new MatchKeyField { AppField = "email", SalesforceField = "Email" } } },
            Fields = { new FieldMappingConfig { AppField = "companyName", SalesforceField = "Company", Direction = SyncDirection.ToApp } },
        };
        (await rr.ConnectAsync("UpdateExisting", readOnly)).Id.ShouldBe(ReferralRockFixture.IntegrationId);
    }
}
