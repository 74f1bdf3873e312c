using System.Globalization;

namespace AsyncFl.Benchmarks.Simulator;

/// <summary>
/// <c>-- --simulator-throughput [repeats]</c>: the rows of docs/benchmarks.md's simulator table, each measured
/// <c>repeats</c> times (default 2) with <see cref="SimulatorThroughput.Measure"/> (steady state after a warm-up of
/// max(10⁶, n) events, 2·10⁶ timed events), printed as min – max ranges.
/// </summary>
public static class SimulatorThroughputReport
{
    private static readonly (string Name, int Devices, int Concurrency)[] Rows =
    [
        ("cross-device", 1_000, 1_000),
        ("cross-device", 100_000, 1_000),
        ("cross-device", 1_000_000, 1_000),
        ("all busy", 100_000, 100_000),
        ("all busy", 1_000_000, 1_000_000),
    ];

    /// <summary>Runs the report.</summary>
    /// <param name="args">Optional: the number of repeats per row.</param>
    /// <returns>The process exit code.</returns>
    public static int Run(string[] args)
    {
        int repeats = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2;
        Console.WriteLine("| configuration | devices n | C in flight | µs / event (wall) | µs / event (CPU) | events / s (CPU) | idle bytes / device | allocated / event |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, devices, concurrency) in Rows)
        {
            var runs = new List<SimulatorThroughput.Measurement>();
            for (int r = 0; r < repeats; r++)
            {
                runs.Add(SimulatorThroughput.Measure(devices, Math.Max(1_000_000, devices), 2_000_000, concurrency));
            }

            string Range(Func<SimulatorThroughput.Measurement, double> f, string format) =>
                string.Create(CultureInfo.InvariantCulture, $"{runs.Min(f).ToString(format, CultureInfo.InvariantCulture)} – {runs.Max(f).ToString(format, CultureInfo.InvariantCulture)}");

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {devices:N0} | {concurrency:N0} | {Range(m => m.MicrosecondsPerEvent, "0.00")} | {Range(m => m.CpuSeconds * 1e6 / m.Events, "0.00")} | {Range(m => m.EventsPerCpuSecond / 1e6, "0.00")} M | {Range(m => m.IdleBytesPerDevice, "0.0")} | {Range(m => m.AllocatedBytesPerEvent, "0")} B |"));
        }

        return 0;
    }
}
