using Grpc.Core;
using Platform.Control.V1;
using Platform.Salesforce;

namespace Platform.Host.Tests.Connectors;

/// <summary>Exported response packages published to the associated Salesforce record as Files, or as Files and Chatter posts.</summary>
public sealed class ResponsivePackageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Due = new(2026, 12, 15, 17, 0, 0, TimeSpan.Zero);
    private ResponsiveFixture _fixture = null!;

    public async ValueTask InitializeAsync() => _fixture = await ResponsiveFixture.StartAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task AutoPublish_PackageExported_BecomesFileOnTheOpportunityOnce()
    {
        var (opportunity, project) = await ConnectWithProjectAsync(("autoPublishPackages", "true"));
        var content = "PK\u0003\u0004 response package"u8.ToArray();
        _fixture.Store.ExportPackage(project, "Acme RFP response.zip", content, ResponsiveFixture.Owner);
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(1));

        (await _fixture.SyncAsync()).Failures.ShouldBe(0);
        await _fixture.SyncAsync();

        var file = (await FilesOnAsync(opportunity)).ShouldHaveSingleItem();
        file["Title"].ShouldBe("Acme RFP response");
        file["ContentSize"].ShouldBe((long)content.Length);
        (await ChatterPostsOnAsync(opportunity)).ShouldBeEmpty();
        (await _fixture.LogAsync(project.ToString(System.Globalization.CultureInfo.InvariantCulture), "succeeded")).ShouldContain(e => e.Operation == "publish");
    }

    [Fact]
    public async Task AutoPublish_ChatterAndFiles_AlsoPostsTheFileToTheRecordsFeed()
    {
        var (opportunity, project) = await ConnectWithProjectAsync(("autoPublishPackages", "true"), ("packagePublishMode", "ChatterAndFiles"));
        _fixture.Store.ExportPackage(project, "Acme RFP response.docx", [1, 2, 3], ResponsiveFixture.Owner, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(1));

        await _fixture.SyncAsync();

        var file = (await FilesOnAsync(opportunity)).ShouldHaveSingleItem();
        var post = (await ChatterPostsOnAsync(opportunity)).ShouldHaveSingleItem();
        post["Type"].ShouldBe("ContentPost");
        post["RelatedRecordId"].ShouldBe(file.Id);
    }

    [Fact]
    public async Task AutoPublish_PackageLargerThanBase64Limit_UploadsAsMultipart()
    {
        var (opportunity, project) = await ConnectWithProjectAsync(("autoPublishPackages", "true"));
        var large = new byte[40 * 1024 * 1024];
        new Random(7).NextBytes(large);
        _fixture.Store.ExportPackage(project, "Full response.zip", large, ResponsiveFixture.Owner);
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(1));

        (await _fixture.SyncAsync()).Failures.ShouldBe(0);

        (await FilesOnAsync(opportunity)).ShouldHaveSingleItem()["ContentSize"].ShouldBe((long)large.Length);
    }

    [Fact]
    public async Task ManualPublish_AutoPublishOff_PublishesOnlyOnRequestAndOnce()
    {
        var (opportunity, project) = await ConnectWithProjectAsync();
        _fixture.Store.ExportPackage(project, "Draft.zip", [9, 9], ResponsiveFixture.Owner);
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(1));
        await _fixture.SyncAsync();
        (await FilesOnAsync(opportunity)).ShouldBeEmpty();

        var request = new PublishFilesRequest { IntegrationId = ResponsiveFixture.IntegrationId, Entity = "project", AppId = project.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var first = await _fixture.Integrations.PublishFilesAsync(request);
        var again = await _fixture.Integrations.PublishFilesAsync(request);

        first.Files.ShouldHaveSingleItem().State.ShouldBe("published");
        again.Files.ShouldHaveSingleItem().State.ShouldBe("already_published");
        again.Files[0].ContentVersionId.ShouldBe(first.Files[0].ContentVersionId);
        (await FilesOnAsync(opportunity)).ShouldHaveSingleItem().Id.ShouldBe(first.Files[0].ContentVersionId);
    }

    [Fact]
    public async Task ManualPublish_IntegrationNotConnected_IsRefusedWithTheReason()
    {
        var (_, project) = await ConnectWithProjectAsync();
        await _fixture.Integrations.DisableIntegrationAsync(new IntegrationRef { Id = ResponsiveFixture.IntegrationId });
        var request = new PublishFilesRequest { IntegrationId = ResponsiveFixture.IntegrationId, Entity = "project", AppId = project.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        var refused = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.PublishFilesAsync(request).ResponseAsync);
        var unknownEntity = await Should.ThrowAsync<RpcException>(() => _fixture.Integrations.PublishFilesAsync(new PublishFilesRequest { IntegrationId = ResponsiveFixture.IntegrationId, Entity = "proposal", AppId = "1" }).ResponseAsync);

        refused.StatusCode.ShouldBe(StatusCode.FailedPrecondition);
        refused.Status.Detail.ShouldContain("disabled");
        unknownEntity.StatusCode.ShouldBe(StatusCode.InvalidArgument);
        unknownEntity.Status.Detail.ShouldStartWith("entity:");
    }

    private async Task<(string Opportunity, long Project)> ConnectWithProjectAsync(params (string Key, string Value)[] settings)
    {
        var opportunity = await _fixture.CreateOpportunityAsync("Acme renewal", 120_000m);
        var project = _fixture.Store.CreateProject("Acme RFP 2027", Due, ResponsiveFixture.Owner, opportunity);
        await _fixture.ConnectAsync(settings);
        await _fixture.SyncAsync();
        _fixture.AdvanceClocks(TimeSpan.FromMinutes(1));
        return (opportunity, project.Id);
    }

    private Task<IReadOnlyList<SalesforceRecord>> FilesOnAsync(string recordId) =>
        QueryAsync(Soql.Format($"SELECT Id, Title, ContentSize, FirstPublishLocationId FROM ContentVersion WHERE FirstPublishLocationId = {recordId}"));

    private Task<IReadOnlyList<SalesforceRecord>> ChatterPostsOnAsync(string recordId) =>
        QueryAsync(Soql.Format($"SELECT Id, Type, RelatedRecordId FROM FeedItem WHERE ParentId = {recordId}"));

    private async Task<IReadOnlyList<SalesforceRecord>> QueryAsync(Soql soql)
    {
        var records = new List<SalesforceRecord>();
        await foreach (var record in _fixture.User.ReadAsync(soql))
        {
            records.Add(record);
        }

        return records;
    }
}
