using Grpc.Core;
using Platform.Control.V1;
using Platform.Emulators.AppGateway;
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
    private const string IntegrationId = LeadXFixture.IntegrationId;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private LeadXFixture _fixture = null!;

    private ConnectorTestHost Bed => _fixture.Bed;

    private GatewayApp App => _fixture.App;

    public async ValueTask InitializeAsync()
    {
        _fixture = await LeadXFixture.StartAsync();
        var request = LeadXFixture.Request();
        request.Mappings.Add(Companies());
        await _fixture.Integrations.CreateIntegrationAsync(request);
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task PushChanges_CompanySavedInLeadX_BecomesAnAccountAndLaterChangesFollow()
    {
        var id = await App.Save("company", null, ("name", "Acme Corp"), ("website", "https://acme.example"));
        await Bed.SyncAsync(IntegrationId);
        await App.Save("company", id, ("phone", "+1 555 0100"));
        Bed.AdvanceClocks(TimeSpan.FromHours(1));
        await Bed.SyncAsync(IntegrationId);

        var account = (await AccountsAsync()).ShouldHaveSingleItem();
        account.Values["Name"].ShouldBe("Acme Corp");
        account.Values["Website"].ShouldBe("https://acme.example");
        account.Values["Phone"].ShouldBe("+1 555 0100");
    }

    [Fact]
    public async Task ReceiveWrites_AccountCreatedInSalesforce_IsDeliveredAcknowledgedAndPaired()
    {
        await App.ConnectAsync();
        var account = await Bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Globex", ["Phone"] = "+1 555 0199" });

        await Bed.SyncAsync(IntegrationId);

        var company = App.Records("company").ShouldHaveSingleItem();
        company.Value["name"].ShouldBe("Globex");
        company.Value["phone"].ShouldBe("+1 555 0199");
        var pair = await Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = IntegrationId, Mapping = "companies", SalesforceId = account });
        pair.AppId.ShouldBe(company.Key);
    }

    [Fact]
    public async Task ReceiveWrites_AppAway_WritesWaitAndArriveOnReconnectWithoutLossOrDuplicates()
    {
        string[] names = ["Initech", "Umbrella", "Hooli"];
        foreach (var name in names)
        {
            await Bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = name });
        }

        var whileAway = await Bed.SyncAsync(IntegrationId);
        var nothingYet = App.Records("company").Count;
        await App.ConnectAsync();
        await App.WaitForDeliveriesAsync(3, Patience);
        Bed.AdvanceClocks(TimeSpan.FromHours(2));
        await Bed.SyncAsync(IntegrationId);
        Bed.AdvanceClocks(TimeSpan.FromHours(2));
        await Bed.SyncAsync(IntegrationId);

        whileAway.Failures.ShouldBe(3);
        nothingYet.ShouldBe(0);
        App.Records("company").Values.Select(c => c["name"]).Order().ShouldBe(names.Order());
        (await AccountsAsync()).Count.ShouldBe(3);
        var pairs = await Bed.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = IntegrationId, Mapping = "companies" });
        pairs.Pairs.Select(p => p.AppId).ShouldBe(App.Records("company").Keys, ignoreOrder: true);
    }

    [Fact]
    public async Task ReceiveWrites_AppStopsBeforeAcknowledging_WriteIsDeliveredAgainAndRecognisedByItsKey()
    {
        App.Acknowledge = false;
        await App.ConnectAsync();
        await Bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Stark Industries" });
        await Bed.SyncAsync(IntegrationId);
        await App.DisconnectAsync();

        App.Acknowledge = true;
        await App.ConnectAsync();
        await App.WaitForDeliveriesAsync(2, Patience);
        Bed.AdvanceClocks(TimeSpan.FromHours(2));
        await Bed.SyncAsync(IntegrationId);

        var company = App.Records("company").ShouldHaveSingleItem();
        var pairs = await Bed.Pairs.ListPairsAsync(new ListPairsRequest { IntegrationId = IntegrationId, Mapping = "companies" });
        pairs.Pairs.ShouldHaveSingleItem().AppId.ShouldBe(company.Key);
    }

    [Fact]
    public async Task ReceiveWrites_AppAnswersWithARecordAnotherPairHolds_ThatWriteFailsWithTheCauseAndTheCycleGoesOn()
    {
        var acme = await App.Save("company", null, ("name", "Acme Corp"));
        await Bed.SyncAsync(IntegrationId);
        await Bed.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "ACME Corporation" });
        using var call = new AppGateway.AppGatewayClient(Bed.Channel).ReceiveWrites();
        await call.RequestStream.WriteAsync(new AppMessage { Subscribe = new Subscribe { IntegrationId = IntegrationId } });
        var answering = Task.Run(async () =>
        {
            // An app that matches the new Account to the company it already has, and answers with that company's id.
            await call.ResponseStream.MoveNext(CancellationToken.None);
            await call.RequestStream.WriteAsync(new AppMessage { Ack = new WriteAck { Sequence = call.ResponseStream.Current.Sequence, Id = acme } });
        });

        Bed.AdvanceClocks(TimeSpan.FromHours(1));
        var cycle = await Bed.SyncAsync(IntegrationId);
        await answering;

        cycle.Skipped.ShouldBeEmpty();
        var failed = (await Bed.Pairs.QuerySyncLogAsync(new QuerySyncLogRequest { IntegrationId = IntegrationId, State = "failed" })).Entries.ShouldHaveSingleItem();
        failed.ErrorCode.ShouldBe("RECORD_HELD_BY_ANOTHER_PAIR");
        failed.Error.ShouldContain(acme);
        (await Bed.Pairs.GetPairAsync(new GetPairRequest { IntegrationId = IntegrationId, Mapping = "companies", AppId = acme })).SalesforceId.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task PushChanges_BadInput_IsRefusedNamingTheField()
    {
        var gateway = new AppGateway.AppGatewayClient(Bed.Channel);
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
        var gateway = new AppGateway.AppGatewayClient(Bed.Channel);
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

    private Task<List<SalesforceRecord>> AccountsAsync() => _fixture.ReadAsync(Soql.Format($"SELECT Id, Name, Website, Phone FROM Account"));
}
