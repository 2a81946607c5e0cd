using CsCheck;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;

namespace Platform.Salesforce.Tests;

public sealed class ConversionPropertyTests
{
    private static readonly SeedDocument EveryType = new()
    {
        Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>>
        {
            ["Account"] =
            [
                new() { Name = "Text__c", Type = "string", Length = 255 },
                new() { Name = "Area__c", Type = "textarea", Length = 32768 },
                new() { Name = "Pick__c", Type = "picklist", Values = ["Alpha", "Beta", "Gamma"], Restricted = true },
                new() { Name = "Multi__c", Type = "multipicklist", Values = ["X", "Y", "Z"] },
                new() { Name = "Flag__c", Type = "boolean" },
                new() { Name = "Count__c", Type = "int" },
                new() { Name = "Amount__c", Type = "currency", Precision = 18, Scale = 2 },
                new() { Name = "Ratio__c", Type = "double", Precision = 18, Scale = 6 },
                new() { Name = "Share__c", Type = "percent", Precision = 5, Scale = 2 },
                new() { Name = "Day__c", Type = "date" },
                new() { Name = "Moment__c", Type = "datetime" },
                new() { Name = "Clock__c", Type = "time" },
                new() { Name = "Mail__c", Type = "email" },
                new() { Name = "Tel__c", Type = "phone" },
                new() { Name = "Site__c", Type = "url" },
                new() { Name = "Secret__c", Type = "encryptedstring", Length = 175 },
                new() { Name = "Parent__c", Type = "reference", ReferenceTo = ["Account"] },
            ],
        },
    };

    private static readonly Gen<string> Word = Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 12].Select(c => new string(c));

    private static readonly Gen<string> Text = Gen.Char["abc XYZ 019 ,.;:'\"\\/%_-+*&é中ü€\u00a0"].Array[1, 80].Select(c => new string(c));

    private static readonly Gen<Dictionary<string, object?>> Values =
        from text in Text
        from area in Gen.Char["ab \n\r\t'\"\\é"].Array[1, 200].Select(c => new string(c))
        from pick in Gen.OneOf("Alpha", "Beta", "Gamma")
        from multi in Gen.OneOf<IReadOnlyList<string>>(["X"], ["Y", "Z"], ["X", "Y", "Z"], ["Z", "X"])
        from flag in Gen.Bool
        from count in Gen.Long[-1_000_000_000, 1_000_000_000]
        from cents in Gen.Long[-99_999_999_999_999, 99_999_999_999_999]
        from micros in Gen.Long[-999_999_999_999, 999_999_999_999]
        from basisPoints in Gen.Int[0, 99_999]
        from day in Gen.Int[0, 73_000]
        from millis in Gen.Long[0, 4_102_444_800_000]
        from timeMillis in Gen.Int[0, 86_399_999]
        from user in Word
        from host in Word
        from phone in Gen.Char["0123456789 +-()"].Array[3, 20].Select(c => new string(c))
        from secret in Word
        select new Dictionary<string, object?>
        {
            ["Name"] = "Round trip",
            ["Text__c"] = text,
            ["Area__c"] = area,
            ["Pick__c"] = pick,
            ["Multi__c"] = multi,
            ["Flag__c"] = flag,
            ["Count__c"] = count,
            ["Amount__c"] = cents / 100m,
            ["Ratio__c"] = micros / 1_000_000m,
            ["Share__c"] = basisPoints / 100m,
            ["Day__c"] = new DateOnly(1900, 1, 1).AddDays(day),
            ["Moment__c"] = DateTimeOffset.FromUnixTimeMilliseconds(millis),
            ["Clock__c"] = TimeOnly.FromTimeSpan(TimeSpan.FromMilliseconds(timeMillis)),
            ["Mail__c"] = $"{user}@{host}.example.com",
            ["Tel__c"] = phone,
            ["Site__c"] = $"https://{host}.example.com/{user}?q=1",
            ["Secret__c"] = secret,
        };

    [Fact]
    public async Task EveryFieldType_WrittenThenRead_ComesBackEqual()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = EveryType);
        var parent = await harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "Parent" });

        await Values.SampleAsync(async values =>
        {
            values["Parent__c"] = parent;
            var id = await harness.Client.CreateAsync("Account", values);
            var read = await harness.Client.GetAsync("Account", id, values.Keys);
            foreach (var (name, expected) in values)
            {
                var actual = read![name];
                if (expected is IReadOnlyList<string> list)
                {
                    ((IEnumerable<string>)actual!).ShouldBe(list, $"{name}");
                }
                else
                {
                    actual.ShouldBe(expected, $"{name}");
                }
            }
        }, iter: 40, threads: 1);
    }

    [Fact]
    public async Task EveryFieldType_ThroughBulkCsvText_ComesBackEqual()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = EveryType);
        var describe = await harness.Client.DescribeAsync("Account");

        Values.Sample(values =>
        {
            foreach (var (name, expected) in values)
            {
                var field = describe.Field(name)!;
                var actual = SalesforceValues.FromText(field, SalesforceValues.ToText(field, expected));
                if (expected is IReadOnlyList<string> list)
                {
                    ((IEnumerable<string>)actual!).ShouldBe(list);
                }
                else
                {
                    actual.ShouldBe(expected, name);
                }
            }
        }, iter: 2000);
    }

    [Fact]
    public async Task CompoundAndReadOnlyFields_AreRefusedBeforeAnyCall()
    {
        await using var harness = await Harness.StartAsync(emulator: o => o.Seed = EveryType);
        await harness.Client.DescribeAsync("Account");
        var before = harness.Client.ApiCalls;

        var compound = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "x", ["BillingAddress"] = "somewhere" }));
        var readOnly = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "x", ["CreatedDate"] = DateTimeOffset.UtcNow }));
        var wrongType = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "x", ["Count__c"] = "twelve" }));
        var multi = await Should.ThrowAsync<SalesforceException>(() => harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = "x", ["Multi__c"] = new[] { "X;Y" } }));

        compound.Message.ShouldContain("BillingStreet");
        (compound.ErrorCode, readOnly.ErrorCode).ShouldBe(("INVALID_FIELD_FOR_INSERT_UPDATE", "INVALID_FIELD_FOR_INSERT_UPDATE"));
        (wrongType.Kind, multi.Kind).ShouldBe((SalesforceErrorKind.Permanent, SalesforceErrorKind.Permanent));
        harness.Client.ApiCalls.ShouldBe(before);
    }

    [Fact]
    public async Task HostileStrings_BoundIntoSoql_MatchExactlyTheirOwnRecord()
    {
        await using var harness = await Harness.StartAsync();
        var hostile = Gen.OneOf(
            Gen.Char["'\"\\%_ \n\r\tabcAB01éü中;-()=<>!"].Array[1, 40].Select(c => new string(c)),
            Gen.OneOf("' OR Name != '", "\\' OR Id != null OR Name = '", "%", "_", "a%b", "x_y", "\\", "\\\\'", "'; DELETE", "O'Brien", "\"quoted\"", "🙂 smile", "emoji 🙂🚀 % _"));

        var counter = 0;
        await hostile.SampleAsync(async text =>
        {
            // SOQL equality is case-insensitive and samples can repeat: a unique prefix keeps each record's name its own.
            var name = $"{Interlocked.Increment(ref counter)}:{text}";
            var id = await harness.Client.CreateAsync("Account", new Dictionary<string, object?> { ["Name"] = name });
            var matches = new List<string>();
            await foreach (var record in harness.Client.QueryAsync(Soql.Format($"SELECT Id FROM Account WHERE Name = {name}")))
            {
                matches.Add(record.Id!);
            }

            var prefixed = new List<string?>();
            await foreach (var record in harness.Client.QueryAsync(Soql.Format($"SELECT Name FROM Account WHERE Name LIKE {name:startswith}")))
            {
                prefixed.Add(record.GetString("Name"));
            }

            matches.ShouldAllBe(m => m == id);
            matches.ShouldNotBeEmpty();
            prefixed.ShouldAllBe(n => n!.StartsWith(name, StringComparison.OrdinalIgnoreCase));
        }, iter: 60, threads: 1);
    }

    [Fact]
    public void SoqlLiteral_ControlCharacters_AreRefusedRatherThanSent() =>
        Should.Throw<ArgumentException>(() => Soql.Format($"SELECT Id FROM Account WHERE Name = {"bad\u0000"}"));

    [Fact]
    public void SoqlIdentifier_InjectionAttempt_IsRefused()
    {
        Should.Throw<ArgumentException>(() => SoqlIdentifier.Of("Name FROM Account WHERE Id != null --"));
        Soql.Format($"SELECT {SoqlIdentifier.List(["Id", "Owner.Name", "Custom__c"])} FROM {SoqlIdentifier.Of("Account")} WHERE Id IN {new[] { "001", "002" }}").Text
            .ShouldBe("SELECT Id, Owner.Name, Custom__c FROM Account WHERE Id IN ('001', '002')");
    }
}
