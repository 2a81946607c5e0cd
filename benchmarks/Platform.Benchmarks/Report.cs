using System.Globalization;

namespace Platform.Benchmarks;

/// <summary>Collects measured figures and prints them as one table.</summary>
internal sealed class Report
{
    private readonly List<(string Scenario, string Measure, string Value)> _rows = [];

    public void Add(string scenario, string measure, double value, string unit) =>
        _rows.Add((scenario, measure, value.ToString(value >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture) + " " + unit));

    public void Add(string scenario, string measure, string value) => _rows.Add((scenario, measure, value));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
        var widths = (_rows.Max(r => r.Scenario.Length), _rows.Max(r => r.Measure.Length));
        foreach (var (scenario, measure, value) in _rows)
        {
            Console.WriteLine($"{scenario.PadRight(widths.Item1)}  {measure.PadRight(widths.Item2)}  {value}");
        }
    }
}
