using System.Net;
using System.Text.Json;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;

namespace Platform.Host.Tests.Health;

[Collection(ShippedHostCollection.Name)]
public sealed class HealthEndpointTests(ShippedHostFixture fixture)
{
    [Fact]
    public async Task Readyz_EverythingUp_Returns200WithEachCheckHealthy()
    {
        using var response = await fixture.Host.Http.GetAsync("/readyz", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        checks.ShouldBe(new Dictionary<string, string?> { ["silo"] = "Healthy", ["storage"] = "Healthy", ["plugins"] = "Healthy" }, ignoreOrder: true);
    }

    [Fact]
    public async Task Healthz_ProcessUp_Returns200()
    {
        using var response = await fixture.Host.Http.GetAsync("/healthz", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"self\"");
    }

    [Theory]
    [InlineData("")]
    [InlineData("platform.control.v1.ConnectorService")]
    public async Task GrpcHealth_WithoutAnApiKey_ReportsServing(string service)
    {
        using var keyless = GrpcChannel.ForAddress($"http://{fixture.Host.Channel.Target}");
        var client = new Grpc.Health.V1.Health.HealthClient(keyless);

        var response = await client.CheckAsync(new HealthCheckRequest { Service = service }, cancellationToken: TestContext.Current.CancellationToken);

        response.Status.ShouldBe(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public async Task Reflection_Started_ListsTheControlApiAndHealthServices()
    {
        var client = new ServerReflection.ServerReflectionClient(fixture.Host.Channel);
        using var call = client.ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);

        string[] expected = ["platform.control.v1.ConnectorService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection"];
        expected.ShouldBeSubsetOf(call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Reflection_WithoutAnApiKey_Unauthenticated()
    {
        using var keyless = GrpcChannel.ForAddress($"http://{fixture.Host.Channel.Target}");
        using var call = new ServerReflection.ServerReflectionClient(keyless).ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);

        var refused = await Should.ThrowAsync<RpcException>(async () =>
        {
            await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" }, TestContext.Current.CancellationToken);
            await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken);
        });

        refused.StatusCode.ShouldBe(StatusCode.Unauthenticated);
    }

    [Fact]
    public async Task Metrics_WithoutAnApiKey_Returns200()
    {
        using var response = await fixture.Host.Http.GetAsync("/metrics", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
