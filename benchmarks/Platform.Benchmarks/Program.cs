using Platform.Benchmarks;

// dotnet run -c Release --project benchmarks/Platform.Benchmarks -- [scenario ...] [--records N]
// Scenarios: emulator, client (default: all). Figures print as a table; nothing here is a pass/fail test.
var records = args.SkipWhile(a => a != "--records").Skip(1).Select(int.Parse).DefaultIfEmpty(100_000).First();
var scenarios = args.TakeWhile(a => a != "--records").ToHashSet(StringComparer.OrdinalIgnoreCase);
var all = scenarios.Count == 0;

var report = new Report();
if (all || scenarios.Contains("emulator"))
{
    await EmulatorBenchmark.RunAsync(records, report);
}

if (all || scenarios.Contains("client"))
{
    foreach (var size in new[] { 10_000, records })
    {
        await ClientBenchmark.RunAsync(size, report);
    }
}

report.Print();
