using Grpc.Core;
using Platform.Control.V1;

namespace Platform.Host.Tests.ControlApi;

[Collection(ShippedHostCollection.Name)]
public sealed class ConnectorServiceTests(ShippedHostFixture fixture)
{
    private readonly ConnectorService.ConnectorServiceClient _client = new(fixture.Host.Channel);

    [Fact]
    public async Task ListConnectors_ShippedPlugins_ReturnsTheFiveLoaded()
    {
        var response = await _client.ListConnectorsAsync(new ListConnectorsRequest(), cancellationToken: TestContext.Current.CancellationToken);

        response.Connectors.Select(c => c.Id).ShouldBe(["channeltivity", "clientsuccess", "leadx", "referralrock", "responsive"], ignoreOrder: true);
        response.Connectors.ShouldAllBe(c => c.Status == ConnectorStatus.Loaded && c.FailureReason == "");
        response.NextPageToken.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("responsive", new[] { "project", "intake" })]
    [InlineData("clientsuccess", new[] { "client", "contact" })]
    [InlineData("leadx", new[] { "company", "contact", "lead" })]
    [InlineData("referralrock", new[] { "referral" })]
    [InlineData("channeltivity", new[] { "partner", "partnerContact" })]
    public async Task GetConnector_ShippedConnector_ReturnsItsEntitySchemas(string id, string[] entities)
    {
        var connector = await _client.GetConnectorAsync(new GetConnectorRequest { Id = id }, cancellationToken: TestContext.Current.CancellationToken);

        connector.Entities.Select(e => e.Name).ShouldBe(entities);
        connector.Entities.ShouldAllBe(e => e.Fields.Count > 0 && e.Fields.Any(f => f.Name == e.KeyField));
        connector.SdkVersion.ShouldBe("1.0");
        connector.DefaultMappings.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task GetConnector_ClientSuccess_KeepsTheFixedDirectionsOfItsStandardFields()
    {
        var connector = await _client.GetConnectorAsync(new GetConnectorRequest { Id = "clientsuccess" }, cancellationToken: TestContext.Current.CancellationToken);

        var account = connector.DefaultMappings.Single(m => m.SalesforceObject == "Account");
        var csm = account.Fields.Single(f => f.SalesforceField == "ClientSuccess__ClientSuccess_Assigned_CSM__c");
        var owner = account.Fields.Single(f => f.SalesforceField == "Owner.Name");
        (csm.Direction, csm.DirectionLocked).ShouldBe((SyncDirection.ToSalesforce, true));
        (owner.Direction, owner.DirectionLocked).ShouldBe((SyncDirection.ToApp, true));
        connector.Settings.Single(s => s.Key == "apiKey").Secret.ShouldBeTrue();
    }

    [Theory]
    [InlineData("", "id: is required.")]
    [InlineData("Not An Id", "id: must be lower-case")]
    public async Task GetConnector_InvalidId_IsInvalidArgumentNamingTheField(string id, string message)
    {
        var error = await Should.ThrowAsync<RpcException>(() => _client.GetConnectorAsync(new GetConnectorRequest { Id = id }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldStartWith(message);
    }

    [Fact]
    public async Task GetConnector_UnknownId_IsNotFound()
    {
        var error = await Should.ThrowAsync<RpcException>(() => _client.GetConnectorAsync(new GetConnectorRequest { Id = "no-such-connector" }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.NotFound);
        error.Status.Detail.ShouldContain("no-such-connector");
    }

    [Theory]
    [InlineData(-1, "", "page_size")]
    [InlineData(1001, "", "page_size")]
    [InlineData(0, "garbage", "page_token")]
    [InlineData(0, "c29tZXRoaW5nLWVsc2U6Mg", "page_token")]
    public async Task ListConnectors_InvalidPaging_IsInvalidArgumentNamingTheField(int pageSize, string pageToken, string field)
    {
        var error = await Should.ThrowAsync<RpcException>(() =>
            _client.ListConnectorsAsync(new ListConnectorsRequest { PageSize = pageSize, PageToken = pageToken }).ResponseAsync);

        error.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        error.Status.Detail.ShouldStartWith(field + ":");
    }

    [Fact]
    public async Task ListConnectors_PageSizeTwo_PagesThroughEveryConnectorOnce()
    {
        var ids = new List<string>();
        var request = new ListConnectorsRequest { PageSize = 2 };
        do
        {
            var page = await _client.ListConnectorsAsync(request, cancellationToken: TestContext.Current.CancellationToken);
            page.Connectors.Count.ShouldBeLessThanOrEqualTo(2);
            ids.AddRange(page.Connectors.Select(c => c.Id));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken != "");

        ids.Count.ShouldBe(5);
        ids.Distinct().Count().ShouldBe(5);
    }
}
