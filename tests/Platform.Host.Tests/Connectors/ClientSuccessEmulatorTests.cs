using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Platform.Emulators.ClientSuccess;

namespace Platform.Host.Tests.Connectors;

public sealed class ClientSuccessEmulatorTests
{
    [Fact]
    public async Task Request_WithoutTheApiKey_IsUnauthorized()
    {
        await using var emulator = await ClientSuccessEmulator.StartAsync();
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "clients"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CreateClient_InvalidStatus_IsRefusedNamingTheProperty()
    {
        await using var emulator = await ClientSuccessEmulator.StartAsync();
        using var http = Authorized(emulator);

        using var response = await http.PostAsJsonAsync(new Uri(emulator.BaseUrl, "client"), new { name = "Acme", status = "Churned", active = true }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["message"]!.GetValue<string>().ShouldStartWith("status must be one of Active, Inactive, Trial, Terminated");
    }

    [Fact]
    public async Task ListClients_ModifiedSince_ReturnsChangedClientsOldestFirstWithTombstones()
    {
        await using var emulator = await ClientSuccessEmulator.StartAsync();
        using var http = Authorized(emulator);
        var first = emulator.Store.CreateClient(new JsonObject { ["name"] = "First" }).Client!;
        var second = emulator.Store.CreateClient(new JsonObject { ["name"] = "Second" }).Client!;
        emulator.Store.DeleteClient(first.Uuid);

        var since = Uri.EscapeDataString(second.LastModified.ToString("O"));
        var rows = await http.GetFromJsonAsync<JsonArray>(new Uri(emulator.BaseUrl, $"clients?includeDeleted=true&modifiedSince={since}"), TestContext.Current.CancellationToken);

        rows!.Select(r => (r!["name"]!.GetValue<string>(), r["deleted"]!.GetValue<bool>())).ShouldBe([("Second", false), ("First", true)]);
    }

    private static HttpClient Authorized(ClientSuccessEmulator emulator)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", emulator.ApiKey);
        return http;
    }
}
