using System.Web;
using Grpc.Core;
using Platform.Cli;
using Platform.Control.V1;
using Platform.Emulators.Responsive;
using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;
using Platform.Host.Tests.Cli;
using Platform.Testing;

namespace Platform.Host.Tests.Connectors;

/// <summary>
/// Record lookups for associating projects with Salesforce records: as the instance's admin account, or as each user's
/// own Salesforce account connected through Salesforce's consent page (web-server flow, refresh token).
/// </summary>
public sealed class ResponsiveLookupTests : IAsyncLifetime
{
    private const string Callback = "http://127.0.0.1:9/salesforce/callback";
    private static readonly DateTimeOffset Due = new(2026, 12, 15, 17, 0, 0, TimeSpan.Zero);
    private ResponsiveFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ResponsiveFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AdminAccount_SearchRecords_FindsRecordsOfTheAllowedTypesByName()
    {
        await _fixture.CreateOpportunityAsync("Acme renewal", 100_000m);
        await _fixture.CreateOpportunityAsync("Acme expansion", 50_000m);
        await _fixture.CreateOpportunityAsync("Globex new logo", 80_000m);
        await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        await _fixture.ConnectAsync(("useAdminAccount", "true"));

        var policy = await _fixture.Lookups.GetLookupPolicyAsync(new GetLookupPolicyRequest { IntegrationId = ResponsiveFixture.IntegrationId });
        var opportunities = await SearchAsync("acme");
        var accounts = await SearchAsync("ACME", objectType: "Account");
        var contacts = await Should.ThrowAsync<RpcException>(() => SearchAsync("acme", objectType: "Contact"));

        policy.Allowed.ShouldBeTrue();
        policy.ObjectTypes.ShouldBe(["Opportunity", "Account"]);
        policy.DefaultObjectType.ShouldBe("Opportunity");
        policy.Account.ShouldBe("integration");
        opportunities.ObjectType.ShouldBe("Opportunity");
        opportunities.SearchedAs.ShouldBe("integration");
        opportunities.Records.Select(r => r.Name).ShouldBe(["Acme expansion", "Acme renewal"]);
        accounts.Records.ShouldHaveSingleItem().Name.ShouldBe("Acme Corp");
        contacts.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        contacts.Status.Detail.ShouldStartWith("object_type:");
    }

    [Fact]
    public async Task AssociationNotAllowed_Lookups_AreRefusedWithTheSettingToChange()
    {
        await _fixture.ConnectAsync(("allowAssociation", "false"));

        var policy = await _fixture.Lookups.GetLookupPolicyAsync(new GetLookupPolicyRequest { IntegrationId = ResponsiveFixture.IntegrationId });
        var search = await Should.ThrowAsync<RpcException>(() => SearchAsync("acme", user: "alice"));
        var connect = await Should.ThrowAsync<RpcException>(() => BeginAsync("alice"));

        policy.Allowed.ShouldBeFalse();
        policy.RefusalReason.ShouldContain("allowAssociation is off");
        search.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        search.Status.Detail.ShouldContain("allowAssociation is off");
        connect.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
    }

    [Fact]
    public async Task IndividualUsers_ConnectTheirOwnAccounts_SearchAsThemselvesAndAssociateAProject()
    {
        var renewal = await _fixture.CreateOpportunityAsync("Acme renewal", 100_000m);
        await _fixture.User.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Acme Corp" });
        AddUser("alice@acme.example", new Dictionary<string, string> { ["Opportunity"] = "R", ["Account"] = "R" });
        AddUser("bob@acme.example", new Dictionary<string, string> { ["Account"] = "R" });
        await _fixture.ConnectAsync();

        var before = await Should.ThrowAsync<RpcException>(() => SearchAsync("acme", user: "alice"));
        var alice = await ConnectUserAsync("alice", "alice@acme.example");
        await ConnectUserAsync("bob", "bob@acme.example");
        var found = await SearchAsync("acme", user: "alice");
        var bobOpportunities = await Should.ThrowAsync<RpcException>(() => SearchAsync("acme", user: "bob"));
        var bobAccounts = await SearchAsync("acme", user: "bob", objectType: "Account");
        var connections = await _fixture.Lookups.ListUserConnectionsAsync(new ListUserConnectionsRequest { IntegrationId = ResponsiveFixture.IntegrationId });

        before.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        before.Status.Detail.ShouldContain("has not connected a Salesforce account");
        alice.SalesforceUsername.ShouldBe("alice@acme.example");
        alice.SalesforceUserId.ShouldBe(_fixture.Salesforce.Org.FindUser("alice@acme.example")!.UserId);
        found.SearchedAs.ShouldBe("alice");
        found.Records.ShouldHaveSingleItem().Id.ShouldBe(renewal);
        bobOpportunities.StatusCode.ShouldBe(StatusCode.PermissionDenied);
        bobOpportunities.Status.Detail.ShouldContain("user 'bob' may not read Opportunity records");
        bobAccounts.Records.ShouldHaveSingleItem().Name.ShouldBe("Acme Corp");
        connections.Connections.Select(c => (c.UserId, c.SalesforceUsername)).ShouldBe([("alice", "alice@acme.example"), ("bob", "bob@acme.example")]);

        var project = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, found.Records[0].Id, found.ObjectType);
        await _fixture.SyncAsync();
        await _fixture.SyncAsync();

        (await _fixture.ReportingRecordAsync(project.Id)).ShouldNotBeNull().Values["Opportunity__c"].ShouldBe(renewal);
        _fixture.Store.Get(WorkKind.Project, project.Id).ShouldNotBeNull().DealSize.ShouldBe(100_000m);
    }

    [Fact]
    public async Task DisconnectUser_RevokesTheRefreshTokenAtSalesforce_AndLaterSearchesAreRefused()
    {
        AddUser("alice@acme.example", new Dictionary<string, string> { ["Opportunity"] = "R" });
        await _fixture.ConnectAsync();
        await ConnectUserAsync("alice", "alice@acme.example");
        await SearchAsync("acme", user: "alice");
        var tokensWhileConnected = _fixture.Salesforce.Org.RefreshTokenCount("alice@acme.example");

        await _fixture.Lookups.DisconnectUserAsync(new DisconnectUserRequest { IntegrationId = ResponsiveFixture.IntegrationId, UserId = "alice" });
        var search = await Should.ThrowAsync<RpcException>(() => SearchAsync("acme", user: "alice"));
        var again = await Should.ThrowAsync<RpcException>(() => _fixture.Lookups.DisconnectUserAsync(new DisconnectUserRequest { IntegrationId = ResponsiveFixture.IntegrationId, UserId = "alice" }).ResponseAsync);

        tokensWhileConnected.ShouldBe(1);
        _fixture.Salesforce.Org.RefreshTokenCount("alice@acme.example").ShouldBe(0);
        search.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        again.StatusCode.ShouldBe(StatusCode.NotFound);
    }

    [Fact]
    public async Task UserConnection_ReconnectingOrReusingAState_ReplacesTheOldTokenAndRefusesTheReplay()
    {
        AddUser("alice@acme.example", new Dictionary<string, string> { ["Opportunity"] = "R" });
        await _fixture.ConnectAsync();
        await ConnectUserAsync("alice", "alice@acme.example");
        var begun = await BeginAsync("alice");
        var (code, state) = await ConsentAsync(begun.AuthorizeUrl, "alice@acme.example");
        await _fixture.Lookups.CompleteUserConnectionAsync(new CompleteUserConnectionRequest { IntegrationId = ResponsiveFixture.IntegrationId, State = state, Code = code });

        var replay = await Should.ThrowAsync<RpcException>(() =>
            _fixture.Lookups.CompleteUserConnectionAsync(new CompleteUserConnectionRequest { IntegrationId = ResponsiveFixture.IntegrationId, State = state, Code = code }).ResponseAsync);
        var noRedirect = await Should.ThrowAsync<RpcException>(() => _fixture.Lookups.BeginUserConnectionAsync(new BeginUserConnectionRequest { IntegrationId = ResponsiveFixture.IntegrationId, UserId = "alice" }).ResponseAsync);

        state.ShouldBe(begun.State);
        _fixture.Salesforce.Org.RefreshTokenCount("alice@acme.example").ShouldBe(1);
        replay.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        replay.Status.Detail.ShouldStartWith("state:");
        noRedirect.Status.Detail.ShouldStartWith("redirect_uri:");
        (await SearchAsync("acme", user: "alice")).SearchedAs.ShouldBe("alice");
    }

    [Fact]
    public async Task Cli_UserConnection_ConnectedSearchedListedAndDisconnectedFromTheCommandLine()
    {
        AddUser("alice@acme.example", new Dictionary<string, string> { ["Opportunity"] = "R" });
        await _fixture.CreateOpportunityAsync("Acme renewal", 100_000m);
        await _fixture.ConnectAsync();

        var connect = await CliAsync("lookups", "connect", ResponsiveFixture.IntegrationId, "alice", "--redirect-uri", Callback, "--json");
        var begun = BeginUserConnectionResponse.Parser.WithDiscardUnknownFields(true).ParseJson(connect.Output);
        var (code, state) = await ConsentAsync(begun.AuthorizeUrl, "alice@acme.example");
        var complete = await CliAsync("lookups", "complete", ResponsiveFixture.IntegrationId, "--state", state, "--code", code);
        var users = await CliAsync("lookups", "users", ResponsiveFixture.IntegrationId);
        var search = await CliAsync("lookups", "search", ResponsiveFixture.IntegrationId, "acme", "--user", "alice");
        var disconnect = await CliAsync("lookups", "disconnect", ResponsiveFixture.IntegrationId, "alice");
        var afterwards = await CliAsync("lookups", "search", ResponsiveFixture.IntegrationId, "acme", "--user", "alice");

        connect.ExitCode.ShouldBe(ExitCodes.Success, connect.Error);
        begun.AuthorizeUrl.ShouldStartWith(_fixture.Salesforce.BaseUrl.ToString().TrimEnd('/'));
        complete.ShouldSucceedWith("User alice connected as alice@acme.example.");
        users.ShouldSucceedWith("alice@acme.example");
        search.ShouldSucceedWith("Acme renewal");
        disconnect.ShouldSucceedWith("User alice disconnected.");
        (afterwards.ExitCode, afterwards.Error).ShouldSatisfyAllConditions(r => r.ExitCode.ShouldNotBe(ExitCodes.Success), r => r.Error.ShouldContain("alice"));
        _fixture.Salesforce.Org.RefreshTokenCount("alice@acme.example").ShouldBe(0, "disconnecting revoked the token at Salesforce");
    }

    [Theory]
    [InlineData("allowAssociation", "yes", "", "", "settings[allowAssociation]: must be true or false (got 'yes').")]
    [InlineData("packagePublishMode", "Email", "", "", "settings[packagePublishMode]: must be one of: Files, ChatterAndFiles (got 'Email').")]
    [InlineData("apiBaseUrl", "acme.responsive.io", "", "", "settings[apiBaseUrl]: must be an absolute http or https URL")]
    [InlineData("associationObjects", "Opportunity,Contact", "", "", "settings[associationObjects]: 'Contact' cannot be associated")]
    [InlineData("associationObjects", "Opportunity", "defaultAssociationObject", "Account", "settings[defaultAssociationObject]: 'Account' is not one of the object types for association (Opportunity).")]
    [InlineData("allowAssociation", "false", "useAdminAccount", "true", "settings[useAdminAccount]: can be on only when association is allowed")]
    public async Task Settings_InvalidValueOrCombination_IsRefusedNamingTheSetting(string key, string value, string otherKey, string otherValue, string message)
    {
        var request = _fixture.Request();
        request.Settings[key] = value;
        if (otherKey.Length > 0)
        {
            request.Settings[otherKey] = otherValue;
        }

        var refused = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.CreateIntegrationAsync(request).ResponseAsync);

        refused.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        refused.Status.Detail.ShouldStartWith(message);
    }

    private Task<ProcessResult> CliAsync(params string[] arguments) =>
        CliProcess.RunAsync(_fixture.Cli.AdminKey, arguments, _fixture.Cli.Address);

    private void AddUser(string username, Dictionary<string, string> objects) =>
        _fixture.Salesforce.Org.AddUser(new UserSeed { Username = username, Password = "pw-" + username, LastName = username.Split('@')[0], Permissions = new UserPermissions { ModifyAllData = false, Objects = objects } });

    private Task<SearchRecordsResponse> SearchAsync(string text, string user = "", string objectType = "") =>
        _fixture.Lookups.SearchRecordsAsync(new SearchRecordsRequest { IntegrationId = ResponsiveFixture.IntegrationId, Text = text, UserId = user, ObjectType = objectType }).ResponseAsync;

    private Task<BeginUserConnectionResponse> BeginAsync(string user) =>
        _fixture.Lookups.BeginUserConnectionAsync(new BeginUserConnectionRequest { IntegrationId = ResponsiveFixture.IntegrationId, UserId = user, RedirectUri = Callback }).ResponseAsync;

    private async Task<UserConnection> ConnectUserAsync(string user, string username)
    {
        var begun = await BeginAsync(user);
        var (code, state) = await ConsentAsync(begun.AuthorizeUrl, username);
        return await _fixture.Lookups.CompleteUserConnectionAsync(new CompleteUserConnectionRequest { IntegrationId = ResponsiveFixture.IntegrationId, State = state, Code = code });
    }

    /// <summary>The user approves on Salesforce's consent page (signed in as <paramref name="username"/>); the redirect carries the code and state.</summary>
    private static async Task<(string Code, string State)> ConsentAsync(string authorizeUrl, string username)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var response = await http.GetAsync(new Uri(authorizeUrl + "&login_hint=" + Uri.EscapeDataString(username)));
        var location = response.Headers.Location.ShouldNotBeNull();
        location.GetLeftPart(UriPartial.Path).ShouldBe(Callback);
        var query = HttpUtility.ParseQueryString(location.Query);
        return (query["code"]!, query["state"]!);
    }
}
