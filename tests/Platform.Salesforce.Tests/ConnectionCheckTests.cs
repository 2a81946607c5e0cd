using Platform.Emulators.Salesforce.Auth;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;
using Platform.Testing;

namespace Platform.Salesforce.Tests;

public sealed class ConnectionCheckTests
{
    private static readonly ObjectRequirement[] AccountAndLead =
    [
        new("Account", ObjectAccess.Read | ObjectAccess.Create | ObjectAccess.Edit) { Fields = ["Name", "Owner.Name", "Secret__c"], WritableFields = ["Name"] },
        new("Lead", ObjectAccess.Read | ObjectAccess.Create),
    ];

    private static readonly SeedDocument Seed = new()
    {
        Users =
        [
            new UserSeed { Username = "limited@example.com", Password = "pw", Permissions = new UserPermissions { ModifyAllData = false, Objects = new Dictionary<string, string> { ["Account"] = "R", ["Lead"] = "RC" } } },
            new UserSeed { Username = "noapi@example.com", Password = "pw", Permissions = new UserPermissions { ApiEnabled = false } },
        ],
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Account"] = [new() { Name = "Secret__c", Type = "string", Encrypted = true }] },
    };

    [Fact]
    public async Task Check_EverythingInPlace_SucceedsAndListsEncryptedFields()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = Seed);

        var check = await harness.Client.CheckConnectionAsync(AccountAndLead);

        check.Succeeded.ShouldBeTrue(string.Join("; ", check.Problems.Select(p => p.Message)));
        check.EncryptedFields.ShouldBe(["Account.Secret__c"]);
        check.Facts!.OrgId.ShouldBe(harness.Emulator.Org.OrgId);
        check.Facts.ApiAllocated.ShouldBe(1_000_000);
    }

    [Fact]
    public async Task Check_UserWithoutObjectPermissions_NamesEachMissingPermission()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = Seed, credentials: new PasswordCredentials("platform-emulator", "emulator-secret", "limited@example.com", "pw"));

        var check = await harness.Client.CheckConnectionAsync(AccountAndLead);

        check.Succeeded.ShouldBeFalse();
        check.Problems.Select(p => p.Message).ShouldBe(
        [
            "The integration user lacks the 'Create' permission on Account.",
            "The integration user lacks the 'Edit' permission on Account.",
            "Account.Name is read-only for the integration user.",
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Check_MissingObjectAndField_AreNamed()
    {
        await using var harness = await Harness.StartAsync();

        var check = await harness.Client.CheckConnectionAsync([new("Nope__c", ObjectAccess.Read), new("Account", ObjectAccess.Read) { Fields = ["Missing__c"] }]);

        check.Problems.Select(p => p.Code).ShouldBe(["OBJECT_NOT_ACCESSIBLE", "FIELD_NOT_FOUND"]);
        check.Problems[1].Message.ShouldContain("Account.Missing__c");
    }

    [Fact]
    public async Task Check_ApiDisabledUser_ReportsApiDisabled()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = Seed, credentials: new PasswordCredentials("platform-emulator", "emulator-secret", "noapi@example.com", "pw"));

        (await harness.Client.CheckConnectionAsync(AccountAndLead)).Problems.ShouldHaveSingleItem().Code.ShouldBe("API_DISABLED");
    }

    [Fact]
    public async Task Check_ApiVersionNewerThanTheOrg_ReportsUnsupportedVersion()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.MaxApiVersion = 58.0m);

        var problem = (await harness.Client.CheckConnectionAsync(AccountAndLead)).Problems.ShouldHaveSingleItem();

        problem.Code.ShouldBe("API_VERSION_UNSUPPORTED");
        problem.Message.ShouldContain("31.0 to 58.0");
    }

    [Fact]
    public async Task Check_BadCredentials_ReportsLoginFailed()
    {
        await using var harness = await Harness.StartAsync(credentials: new PasswordCredentials("platform-emulator", "emulator-secret", "admin@example.com", "wrong"));

        (await harness.Client.CheckConnectionAsync([])).Problems.ShouldHaveSingleItem().Code.ShouldBe("LOGIN_FAILED");
    }

    [Fact]
    public async Task Check_NothingListening_ReportsUnreachable()
    {
        using var http = new HttpClient();
        using var client = new SalesforceClient(http, new SalesforceConnectionOptions
        {
            LoginUrl = new Uri($"http://127.0.0.1:{LoopbackPort.Next()}"),
            Credentials = new ClientCredentialsCredentials("id", "secret"),
        });

        (await client.CheckConnectionAsync([])).Problems.ShouldHaveSingleItem().Code.ShouldBe("UNREACHABLE");
    }
}
