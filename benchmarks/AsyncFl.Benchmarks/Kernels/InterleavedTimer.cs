using System.Diagnostics;

namespace AsyncFl.Benchmarks.Kernels;

/// <summary>Median and best time per unit of work of two alternately timed actions A and B (nanoseconds).</summary>
/// <param name="MedianA">A's median.</param>
/// <param name="MedianB">B's median.</param>
/// <param name="BestA">A's best (smallest) time.</param>
/// <param name="BestB">B's best (smallest) time.</param>
internal readonly record struct PairedTimes(double MedianA, double MedianB, double BestA, double BestB);

/// <summary>
/// The interleaved timing harness of the <c>--compare-native</c> runs (<see cref="NativeComparison"/>,
/// <see cref="Aggregators.AggregatorNativeComparison"/>): A and B are timed in alternating batches in one process, on
/// the same memory, so that DRAM-bound timings, which drift ±20–30 % between runs, are compared under the same
/// conditions.
/// </summary>
internal static class InterleavedTimer
{
    // Untimed alternating calls continue for at least this long, so that the timed rounds run optimised code: the
    // JIT recompiles a method from Tier-0 only after ~30 calls made 100 ms after the last new Tier-0 compilation,
    // which at d = 10⁴ is longer than all 21 rounds of an aggregator (the first rows of a run then timed Tier-0 code:
    // FedAsync at 17–95 % of the bound in three runs of one build, 97–105 % with DOTNET_TieredCompilation=0).
    private static readonly TimeSpan MinimumWarmup = TimeSpan.FromSeconds(0.5);

    /// <summary>
    /// Runs A and B <paramref name="warmups"/> times each (and on, alternately, until at least 0.5 s have passed), then
    /// <paramref name="rounds"/> rounds of one batch of <paramref name="calls"/> calls of each (A first in even rounds,
    /// B first in odd ones, so neither always follows the other), and returns the medians and bests of the per-unit
    /// times.
    /// </summary>
    /// <param name="a">Action A.</param>
    /// <param name="b">Action B.</param>
    /// <param name="warmups">Untimed calls of each before timing (at least; see above).</param>
    /// <param name="rounds">Timed batches of each.</param>
    /// <param name="calls">Calls per batch.</param>
    /// <param name="unitsPerCall">Units of work one call does (a batch's time is divided by calls × units).</param>
    /// <returns>The medians and bests, in nanoseconds per unit.</returns>
    public static PairedTimes Compare(Action a, Action b, int warmups, int rounds, int calls, double unitsPerCall = 1)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < warmups || Stopwatch.GetElapsedTime(start) < MinimumWarmup; i++)
        {
            a();
            b();
        }

        var ta = new double[rounds];
        var tb = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            if ((r & 1) == 0)
            {
                ta[r] = Time(a, calls, unitsPerCall);
                tb[r] = Time(b, calls, unitsPerCall);
            }
            else
            {
                tb[r] = Time(b, calls, unitsPerCall);
                ta[r] = Time(a, calls, unitsPerCall);
            }
        }

        Array.Sort(ta);
        Array.Sort(tb);
        return new PairedTimes(ta[rounds / 2], tb[rounds / 2], ta[0], tb[0]);
    }

    private static double Time(Action f, int calls, double unitsPerCall)
    {
        long t0 = Stopwatch.GetTimestamp();
        for (int c = 0; c < calls; c++)
        {
            f();
        }

        return Stopwatch.GetElapsedTime(t0).TotalNanoseconds / (calls * unitsPerCall);
    }
}
