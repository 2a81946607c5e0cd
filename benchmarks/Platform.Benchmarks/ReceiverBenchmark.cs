using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Control.V1;
using Platform.Emulators.ReferralRock;
using Platform.Emulators.Salesforce;
using Platform.Emulators.Salesforce.Model;
using Platform.Emulators.Salesforce.Schema;
using Platform.Host.Sandbox;
using Platform.Testing;

namespace Platform.Benchmarks;

/// <summary>
/// The sales receiver over real transports: the host with the shipped Referral Rock connector, the Salesforce emulator
/// and the Referral Rock emulator. N opportunities turn Closed Won, each naming a referral; one cycle turns them into N
/// entries that approve N referrals. Timed from SyncNow to its report; Salesforce API calls counted per entry.
/// </summary>
internal static class ReceiverBenchmark
{
    public static async Task RunAsync(int entries, Report report)
    {
        var scenario = $"receiver N={entries:N0} Closed Won → approved";
        await using var salesforce = await SalesforceEmulator.StartAsync(new SalesforceEmulatorOptions { DailyApiRequests = int.MaxValue });
        salesforce.Org.Apply(new SeedDocument
        {
            Fields = new Dictionary<string, IReadOnlyList<CustomFieldSpec>> { ["Opportunity"] = [new() { Name = "Referral_ID__c", Type = "string", Label = "Referral ID", Length = 64 }] },
        });
        await using var referralRock = await ReferralRockEmulator.StartAsync();
        var program = referralRock.Store.AddProgram("bench", "Bench Program");
        var member = referralRock.Store.CreateMember(new JsonObject { ["programId"] = program.Id, ["firstName"] = "Maya", ["lastName"] = "Advocate", ["email"] = "maya@example.com" }).Member!;
        var referrals = Enumerable.Range(0, entries)
            .Select(i => referralRock.Store.CreateReferral(new JsonObject { ["referralCode"] = member.ReferralCode, ["firstName"] = "R", ["lastName"] = $"Ref{i}", ["email"] = $"r{i}@example.com" }).Referral!.Id)
            .ToArray();
        using var data = new TempDirectory();
        await using var host = await RunningHost.StartAsync(data.Path);
        var integrations = new IntegrationService.IntegrationServiceClient(host.Channel);
        await ConnectAsync(host, salesforce, referralRock, integrations);
        await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        // The receiver watches from the second it started; the opportunities change after it.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        salesforce.Org.Apply(new SeedDocument
        {
            Records = new Dictionary<string, IReadOnlyList<JsonElement>>
            {
                ["Opportunity"] = [.. referrals.Select((id, i) => JsonSerializer.SerializeToElement(new { Name = $"Deal {i}", StageName = "Closed Won", CloseDate = "2026-12-31", Amount = 1000 + i, Referral_ID__c = id }))],
            },
        });
        var callsBefore = salesforce.Org.Calls.Calls.Count(c => c.Counted);

        var clock = Stopwatch.StartNew();
        var cycle = await integrations.SyncNowAsync(new IntegrationRef { Id = "bench" });
        clock.Stop();

        var calls = salesforce.Org.Calls.Calls.Count(c => c.Counted) - callsBefore;
        var approved = referrals.Count(id => referralRock.Store.GetReferral(id)?.Status == "approved");
        report.Add(scenario, "entries", cycle.EntriesReceived / clock.Elapsed.TotalSeconds, $"entries/s ({cycle.EntriesReceived:N0} received, {approved:N0} referrals approved, in {clock.Elapsed.TotalSeconds:N1} s)");
        report.Add(scenario, "Salesforce API calls", $"{calls:N0} ({calls / (double)Math.Max(1, cycle.EntriesReceived):N2} per entry)");
    }

    private static async Task ConnectAsync(RunningHost host, SalesforceEmulator salesforce, ReferralRockEmulator referralRock, IntegrationService.IntegrationServiceClient integrations)
    {
        await new InstanceService.InstanceServiceClient(host.Channel).CreateInstanceAsync(SampleIntegration.Instance("bench-org", salesforce));
        var receiver = new Receiver
        {
            Triggers = { new ReceiverTrigger { Object = "Opportunity", Field = "StageName", Value = "Closed Won", Action = "approved" } },
            Fields = { new ReceiverFieldConfig { Name = "referralId", Source = "Opportunity.Referral_ID__c" }, new ReceiverFieldConfig { Name = "amount", Source = "Opportunity.Amount" } },
        };
        await integrations.CreateIntegrationAsync(new SaveIntegrationRequest
        {
            Id = "bench",
            InstanceId = "bench-org",
            ConnectorId = "referralrock",
            Settings = { ["apiBaseUrl"] = referralRock.BaseUrl.ToString(), ["publicKey"] = referralRock.PublicKey, ["privateKey"] = referralRock.PrivateKey },
            Schedule = new Schedule { Interval = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromHours(24)), StartAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(1)) },
            Receiver = receiver,
            NoMappings = true,
        });
    }
}
