using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TorchSharp;

namespace AsyncFl.Benchmarks.Torch;

/// <summary>Shared set-up of the TorchSharp benchmarks: thread count and the derived columns (GB/s, samples/s).</summary>
public static class TorchBenchmarkConfig
{
    private static int? s_defaultThreads;

    /// <summary>Sets torch's intra-op thread count (remembering and printing torch's default the first time).</summary>
    /// <param name="threads">Threads.</param>
    public static void SetThreads(int threads)
    {
        s_defaultThreads ??= torch.get_num_threads();
        torch.set_num_threads(threads);
        Console.WriteLine($"// torch default threads here: {s_defaultThreads}; set to {torch.get_num_threads()}");
    }

    /// <summary>Config of <see cref="TorchMixingBenchmarks"/>: adds a GB/s column (12 bytes per element).</summary>
    public sealed class Mixing : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public Mixing() => AddColumn(new DerivedColumn("GB/s", (c, ns) => 12.0 * ParamInt(c, "D") / ns));
    }

    /// <summary>Config of <see cref="TorchTrainingBenchmarks"/>: adds a samples/s column (one operation = one sample).</summary>
    public sealed class Training : ManualConfig
    {
        /// <summary>Creates the config.</summary>
        public Training() => AddColumn(new DerivedColumn("Samples/s", (_, ns) => 1e9 / ns));
    }

    private static int ParamInt(BenchmarkCase c, string name) =>
        Convert.ToInt32(c.Parameters[name], CultureInfo.InvariantCulture);

    /// <summary>A column computed from the mean time per operation (ns).</summary>
    private sealed class DerivedColumn(string name, Func<BenchmarkCase, double, double> compute) : IColumn
    {
        public string Id => "AsyncFl." + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name + " derived from the mean time per operation";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var stats = summary[benchmarkCase]?.ResultStatistics;
            return stats is null ? "-" : compute(benchmarkCase, stats.Mean).ToString("N1", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
    }
}
