using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.Emulators.Salesforce.Tests;

/// <summary>An emulator of its own plus a raw HTTP client logged in as the default user (no client library involved).</summary>
internal sealed class TestOrg : IAsyncDisposable
{
    public const string Version = "v60.0";

    private TestOrg(SalesforceEmulator emulator, HttpClient http)
    {
        Emulator = emulator;
        Http = http;
    }

    public SalesforceEmulator Emulator { get; }

    public HttpClient Http { get; }

    public string Token { get; private set; } = "";

    public static async Task<TestOrg> StartAsync(Action<SalesforceEmulatorOptions>? configure = null)
    {
        var options = new SalesforceEmulatorOptions();
        configure?.Invoke(options);
        var emulator = await SalesforceEmulator.StartAsync(options);
        var org = new TestOrg(emulator, new HttpClient { BaseAddress = emulator.BaseUrl });
        await org.LoginAsync();
        return org;
    }

    public async Task LoginAsync()
    {
        using var response = await Token_("password", new() { ["username"] = "admin@example.com", ["password"] = "emulator" });
        Token = (await Json(response)).GetProperty("access_token").GetString()!;
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
    }

    public Task<HttpResponseMessage> Token_(string grant, Dictionary<string, string> fields, bool withClient = true)
    {
        var form = new Dictionary<string, string>(fields) { ["grant_type"] = grant };
        if (withClient)
        {
            form.TryAdd("client_id", "platform-emulator");
            form.TryAdd("client_secret", "emulator-secret");
        }

        return new HttpClient { BaseAddress = Emulator.BaseUrl }.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(form));
    }

    public Task<Reply> GetAsync(string path, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Get, path, null, headers);

    public Task<Reply> PostAsync(string path, object body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Post, path, body, headers);

    public Task<Reply> PatchAsync(string path, object body, params (string Name, string Value)[] headers) => SendAsync(HttpMethod.Patch, path, body, headers);

    public Task<Reply> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null, []);

    public async Task<Reply> SendAsync(HttpMethod method, string path, object? body, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path.StartsWith('/') ? path : $"/services/data/{Version}/{path}");
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var replyHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Reply((int)response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text).RootElement.Clone(), replyHeaders, text);
    }

    /// <summary>Creates a record and returns its id (asserting success).</summary>
    public async Task<string> CreateAsync(string type, object fields)
    {
        var reply = await PostAsync($"sobjects/{type}", fields);
        reply.Status.ShouldBe(201, reply.Text);
        return reply.Json!.Value.GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

internal sealed record Reply(int Status, JsonElement? Json, IReadOnlyDictionary<string, string> Headers, string Text)
{
    public JsonElement Body => Json ?? throw new InvalidOperationException($"No body (status {Status}).");

    /// <summary>The first entry of a Salesforce error array.</summary>
    public (string Code, string Message) Error => (Body[0].GetProperty("errorCode").GetString()!, Body[0].GetProperty("message").GetString()!);
}
