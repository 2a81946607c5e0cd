using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Platform.Emulators.ReferralRock;

namespace Platform.Host.Tests.Connectors;

public sealed class ReferralRockEmulatorTests
{
    [Fact]
    public async Task Request_WithTheWrongPrivateKey_IsUnauthorized()
    {
        await using var emulator = await ReferralRockEmulator.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.PublicKey}:wrong")));

        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, "api/programs"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("count=0")]
    [InlineData("count=201")]
    [InlineData("offset=-1")]
    public async Task ListReferrals_PagingOutOfRange_IsRefusedNamingTheParameter(string query)
    {
        await using var emulator = await ReferralRockEmulator.StartAsync();
        using var http = Authorized(emulator);

        using var response = await http.GetAsync(new Uri(emulator.BaseUrl, $"api/referrals?{query}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["message"]!.GetValue<string>().ShouldStartWith(query.Split('=')[0]);
    }

    [Fact]
    public async Task ListReferrals_PagesWithOffsetAndCount_AndCarriesTheMembersDetails()
    {
        await using var emulator = await ReferralRockEmulator.StartAsync();
        using var http = Authorized(emulator);
        var member = Member(emulator);
        for (var i = 0; i < 3; i++)
        {
            emulator.Store.CreateReferral(new JsonObject { ["referralCode"] = member.ReferralCode, ["firstName"] = $"R{i}", ["email"] = $"r{i}@x.example" }).Error.ShouldBeNull();
        }

        var page = await http.GetFromJsonAsync<JsonObject>(new Uri(emulator.BaseUrl, "api/referrals?offset=1&count=1"), TestContext.Current.CancellationToken);

        page!["offset"]!.GetValue<int>().ShouldBe(1);
        page["total"]!.GetValue<int>().ShouldBe(3);
        var referral = page["referrals"]!.AsArray().ShouldHaveSingleItem()!;
        referral["referringMemberName"]!.GetValue<string>().ShouldBe("Maya Advocate");
        referral["memberReferralCode"]!.GetValue<string>().ShouldBe(member.ReferralCode);
        referral["status"]!.GetValue<string>().ShouldBe("pending");
    }

    [Fact]
    public async Task UpdateReferral_ReportsEachItemsOutcome_AndLeavesARefusedReferralAsItWas()
    {
        await using var emulator = await ReferralRockEmulator.StartAsync();
        using var http = Authorized(emulator);
        var member = Member(emulator);
        var referral = emulator.Store.CreateReferral(new JsonObject { ["referralCode"] = member.ReferralCode, ["email"] = "dana@x.example" }).Referral!;
        var body = new JsonArray(
            new JsonObject { ["query"] = new JsonObject { ["primaryInfo"] = new JsonObject { ["referralId"] = referral.Id } }, ["referral"] = new JsonObject { ["status"] = "approved", ["amount"] = 1200 } },
            new JsonObject { ["query"] = new JsonObject { ["primaryInfo"] = new JsonObject { ["referralId"] = referral.Id } }, ["referral"] = new JsonObject { ["status"] = "won", ["amount"] = 5 } },
            new JsonObject { ["query"] = new JsonObject { ["primaryInfo"] = new JsonObject { ["referralId"] = "nope" } }, ["referral"] = new JsonObject { ["status"] = "denied" } });

        using var response = await http.PostAsJsonAsync(new Uri(emulator.BaseUrl, "api/referral/update"), body, TestContext.Current.CancellationToken);

        var results = await response.Content.ReadFromJsonAsync<JsonArray>(TestContext.Current.CancellationToken);
        results.ShouldNotBeNull().Select(r => r!["resultInfo"]!["Status"]!.GetValue<string>()).ShouldBe(["Success", "Failed", "Failed"]);
        results![1]!["resultInfo"]!["Message"]!.GetValue<string>().ShouldStartWith("status must be one of");
        var stored = emulator.Store.GetReferral(referral.Id)!;
        stored.Status.ShouldBe("approved");
        stored.Amount.ShouldBe(1200m);
        stored.ApprovedDate.ShouldNotBeNull();
    }

    [Fact]
    public async Task CreateReferral_UnknownReferralCode_IsRefused()
    {
        await using var emulator = await ReferralRockEmulator.StartAsync();
        using var http = Authorized(emulator);

        using var response = await http.PostAsJsonAsync(new Uri(emulator.BaseUrl, "api/referrals"), new { referralCode = "NOPE", email = "x@y.example" }, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))!["message"]!.GetValue<string>().ShouldStartWith("referralCode must be");
    }

    private static MemberRecord Member(ReferralRockEmulator emulator)
    {
        var program = emulator.Store.AddProgram("partners");
        return emulator.Store.CreateMember(new JsonObject { ["programId"] = program.Id, ["firstName"] = "Maya", ["lastName"] = "Advocate", ["email"] = "maya@advocates.example" }).Member!;
    }

    private static HttpClient Authorized(ReferralRockEmulator emulator)
    {
        var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{emulator.PublicKey}:{emulator.PrivateKey}")));
        return http;
    }
}
