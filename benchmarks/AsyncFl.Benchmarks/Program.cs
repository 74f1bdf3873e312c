using AsyncFl.Benchmarks.Kernels;
using BenchmarkDotNet.Running;

// `-- --compare-native [lib]`: the alternating C-vs-C# timer (see Kernels/NativeComparison.cs).
// `-- --compare-build other/AsyncFl.Core.dll`: every kernel of another build against this one (Kernels/BuildComparison.cs).
// `-- --compare-tensorprimitives`: kernels against single TensorPrimitives calls (Kernels/TensorPrimitivesComparison.cs).
// `-- --simulator-throughput [repeats]`: the simulator table's rows (Simulator/SimulatorThroughputReport.cs).
// Anything else goes to BenchmarkDotNet: `-- --filter '*Mix*' --job short`, `-- --list flat`, ...
if (args.Length > 0 && args[0] == "--compare-native")
{
    return NativeComparison.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--compare-build")
{
    return BuildComparison.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--compare-tensorprimitives")
{
    return TensorPrimitivesComparison.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "--simulator-throughput")
{
    return AsyncFl.Benchmarks.Simulator.SimulatorThroughputReport.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(NativeComparison).Assembly).Run(args);
return 0;
