using Platform.Benchmarks;

// dotnet run -c Release --project benchmarks/Platform.Benchmarks -- [scenario ...] [--records N] [--pairs N]
// Scenarios: emulator, client, engine, pairs, receiver, responsive, gateway (default: all; pairs stores 1,000,000 unless --pairs N),
// and engine-postgres (the engine on the loopback PostgreSQL server). Figures print as a table; nothing here is a pass/fail test.
var records = args.SkipWhile(a => a != "--records").Skip(1).Select(int.Parse).DefaultIfEmpty(100_000).First();
var pairs = args.SkipWhile(a => a != "--pairs").Skip(1).Select(int.Parse).DefaultIfEmpty(1_000_000).First();
var scenarios = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
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

if (all || scenarios.Contains("engine"))
{
    foreach (var size in new[] { 10_000, records }.Distinct())
    {
        await EngineBenchmark.RunAsync(size, report);
    }
}

// Needs the loopback PostgreSQL server (.ci/start-servers, or PLATFORM_TEST_POSTGRES); not part of "all".
if (scenarios.Contains("engine-postgres"))
{
    foreach (var size in new[] { 10_000, records }.Distinct())
    {
        await EngineBenchmark.RunAsync(size, report, postgres: true);
    }
}

if (all || scenarios.Contains("pairs"))
{
    await PairScaleBenchmark.RunAsync(pairs, report);
}

if (all || scenarios.Contains("receiver"))
{
    await ReceiverBenchmark.RunAsync(Math.Min(records, 2_000), report);
}

if (all || scenarios.Contains("responsive"))
{
    await ResponsiveBenchmark.RunAsync(Math.Min(records, 10_000), report);
}

if (all || scenarios.Contains("gateway"))
{
    await GatewayBenchmark.RunAsync(Math.Min(records, 10_000), report);
}

report.Print();
