using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.LeadX;
using Platform.Emulators.Salesforce.Model;
using Platform.Gateway.V1;
using Platform.Host.Tests.Connectors;
using Platform.Salesforce;

namespace Platform.Host.Tests.Gateway;

/// <summary>
/// The app gateway over real gRPC, with the LeadX connector and an emulated LeadX app: pushed changes reach Salesforce;
/// the platform's writes reach the app as an acknowledged stream that loses nothing while the app is away.
/// </summary>
public sealed class AppGatewayTests : IAsyncLifetime
{
    private const string IntegrationId = "leadx";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private ConnectorTestHost _bed = null!;
    private LeadXApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _bed = await ConnectorTestHost.StartAsync(new SeedDocument(), settings: ["Platform:Gateway:WriteTimeout=00:00:05", "Platform:Gateway:PollInterval=00:00:00.200"]);
        await _bed.Integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = IntegrationId,
            InstanceId = "org",
            ConnectorId = "leadx",
            Mappings = { Companies() },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(1)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        });
        _app = new LeadXApp(_bed.Channel, IntegrationId);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _bed.DisposeAsync();
    }

    [Fact]
    public async Task PushChanges_CompanySavedInLeadX_BecomesAnAccountAndLaterChangesFollow()
    {
        var id = await _app.Save("company", null, ("name", "Acme Corp"), ("website", "https://acme.example"));
        await _bed.SyncAsync(IntegrationId);
        await _app.Save("company", id, ("phone", "+1 555 0100"));
        _bed.AdvanceClocks(TimeSpan.FromHours(1));
        await _bed.SyncAsync(IntegrationId);

        var account = (await AccountsAsync()).ShouldHaveSingleItem();
        account.Values["Name"].ShouldBe("Acme Corp");
        account.Values["Website"].ShouldBe("https://acme.example");
        account.Values["Phone"].ShouldBe("+1 555 0100");
    }

    [Fact]
    public async Task ReceiveWrites_AccountCreatedInSalesforce_IsDeliveredAcknowledgedAndPaired()
    {
        await _app.ConnectAsync();
        var account = await _bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Globex", ["Phone"] = "+1 555 0199" });

        await _bed.SyncAsync(IntegrationId);

        var company = _app.Records("company").ShouldHaveSingleItem();
        company.Value["name"].ShouldBe("Globex");
        company.Value["phone"].ShouldBe("+1 555 0199");
        var pair = await _bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = IntegrationId, Mapping = "companies", SalesforceId = account });
        pair.AppId.ShouldBe(company.Key);
    }

    [Fact]
    public async Task ReceiveWrites_AppAway_WritesWaitAndArriveOnReconnectWithoutLossOrDuplicates()
    {
        string[] names = ["Initech", "Umbrella", "Hooli"];
        foreach (var name in names)
        {
            await _bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = name });
        }

        var whileAway = await _bed.SyncAsync(IntegrationId);
        var nothingYet = _app.Records("company").Count;
        await _app.ConnectAsync();
        await _app.WaitForDeliveriesAsync(3, Patience);
        _bed.AdvanceClocks(TimeSpan.FromHours(2));
        await _bed.SyncAsync(IntegrationId);
        _bed.AdvanceClocks(TimeSpan.FromHours(2));
        await _bed.SyncAsync(IntegrationId);

        whileAway.Failures.ShouldBe(3);
        nothingYet.ShouldBe(0);
        _app.Records("company").Values.Select(c => c["name"]).Order().ShouldBe(names.Order());
        (await AccountsAsync()).Count.ShouldBe(3);
        var pairs = await _bed.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = IntegrationId, Mapping = "companies" });
        pairs.Pairs.Select(p => p.AppId).ShouldBe(_app.Records("company").Keys, ignoreOrder: true);
    }

    [Fact]
    public async Task ReceiveWrites_AppStopsBeforeAcknowledging_WriteIsDeliveredAgainAndRecognisedByItsKey()
    {
        _app.Acknowledge = false;
        await _app.ConnectAsync();
        await _bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Stark Industries" });
        await _bed.SyncAsync(IntegrationId);
        await _app.DisconnectAsync();

        _app.Acknowledge = true;
        await _app.ConnectAsync();
        await _app.WaitForDeliveriesAsync(2, Patience);
        _bed.AdvanceClocks(TimeSpan.FromHours(2));
        await _bed.SyncAsync(IntegrationId);

        var company = _app.Records("company").ShouldHaveSingleItem();
        var pairs = await _bed.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = IntegrationId, Mapping = "companies" });
        pairs.Pairs.ShouldHaveSingleItem().AppId.ShouldBe(company.Key);
    }

    [Fact]
    public async Task PushChanges_BadInput_IsRefusedNamingTheField()
    {
        var gateway = new AppGateway.AppGatewayClient(_bed.Channel);
        var unknownField = new PushChangesRequest { IntegrationId = IntegrationId, Entity = "company", Changes = { new RecordChange { Id = "co-1", Values = { ["nope"] = new FieldValue { Text = "x" } } } } };
        var noId = new PushChangesRequest { IntegrationId = IntegrationId, Entity = "company", Changes = { new RecordChange { Values = { ["name"] = new FieldValue { Text = "x" } } } } };
        var unknownEntity = new PushChangesRequest { IntegrationId = IntegrationId, Entity = "invoice", Changes = { new RecordChange { Id = "in-1" } } };

        var field = await Should.ThrowAsync<RpcException>(() => gateway.PushChangesAsync(unknownField).ResponseAsync);
        var id = await Should.ThrowAsync<RpcException>(() => gateway.PushChangesAsync(noId).ResponseAsync);
        var entity = await Should.ThrowAsync<RpcException>(() => gateway.PushChangesAsync(unknownEntity).ResponseAsync);
        var integration = await Should.ThrowAsync<RpcException>(() => gateway.PushChangesAsync(new PushChangesRequest { IntegrationId = "nope", Entity = "company" }).ResponseAsync);

        field.Status.Detail.ShouldStartWith("changes[0].values[nope]:");
        id.Status.Detail.ShouldStartWith("changes[0].id:");
        entity.Status.Detail.ShouldStartWith("entity:");
        integration.StatusCode.ShouldBe(StatusCode.NotFound);
        new[] { field, id, entity }.ShouldAllBe(e => e.StatusCode == StatusCode.InvalidArgument);
    }

    [Fact]
    public async Task ReceiveWrites_FirstMessageIsNotASubscription_IsRefused()
    {
        var gateway = new AppGateway.AppGatewayClient(_bed.Channel);
        using var call = gateway.ReceiveWrites();
        await call.RequestStream.WriteAsync(new AppMessage { Ack = new WriteAck { Sequence = 1 } });

        var refused = await Should.ThrowAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Status.Detail.ShouldStartWith("subscribe:");
    }

    private static ObjectMappingConfig Companies() => new()
    {
        Name = "companies",
        Entity = "company",
        SalesforceObject = "Account",
        Direction = SyncDirection.Both,
        Fields =
        {
            new FieldMappingConfig { AppField = "name", SalesforceField = "Name" },
            new FieldMappingConfig { AppField = "website", SalesforceField = "Website" },
            new FieldMappingConfig { AppField = "phone", SalesforceField = "Phone" },
        },
    };

    private async Task<List<SalesforceRecord>> AccountsAsync()
    {
        var accounts = new List<SalesforceRecord>();
        await foreach (var account in _bed.User.ReadAsync(Soql.Format($"SELECT Id, Name, Website, Phone FROM Account")))
        {
            accounts.Add(account);
        }

        return accounts;
    }
}
