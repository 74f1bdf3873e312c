// AsyncFl quick start: exercises the CPU parameter backend, the vector kernels and the model/version contracts
// on seeded random data and prints what it did. Deterministic: the same output on every run (seed 42).
// The experiment app (AsyncFl.Cli) will replace this sample as the README's main command.
using System.Globalization;
using System.Runtime.Intrinsics;
using AsyncFl;
using AsyncFl.Backends;
using AsyncFl.Kernels;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var backend = CpuParameterBackend.Instance;

Console.WriteLine("AsyncFl quick start");
Console.WriteLine($"  backend: {backend.Name}; SIMD: Vector512 {Vector512.IsHardwareAccelerated}, " +
                  $"Vector256 {Vector256.IsHardwareAccelerated}, Vector128 {Vector128.IsHardwareAccelerated}");

// 1. The README snippet.
var (mixed, averaged, snippetVersion) = QuickStart.ReadmeSnippet.Run();
Console.WriteLine();
Console.WriteLine("1. README snippet (d = 4)");
Console.WriteLine($"  mix a = 0.5 of [1, 2, 3, 4] into [0, 0, 0, 0] -> [{string.Join(", ", mixed)}]");
Console.WriteLine($"  0.25·[1, 2, 3, 4] + 0.75·[3, 2, 1, 0]        -> [{string.Join(", ", averaged)}] at {snippetVersion}");

// 2. A server round on a million parameters: seeded random models, every backend operation once,
//    each checked against a scalar reference computed in double precision.
const int d = 1_000_000;
const int clients = 4;
var rng = RandomSource.Create(seed: 42, streamId: 0);
float[] x0 = RandomVector(rng, d);
float[][] y = new float[clients][];
for (int k = 0; k < clients; k++)
{
    y[k] = RandomVector(rng.Fork(k + 1), d);
}

using var model = GlobalModel.Create(backend, x0);
var clientVectors = new ParameterVector[clients];
for (int k = 0; k < clients; k++)
{
    clientVectors[k] = backend.FromSpan(y[k]);
}

Console.WriteLine();
Console.WriteLine($"2. One simulated server on d = {d:N0} parameters, {clients} client models (seed 42)");
Console.WriteLine($"  initial model {model.Version}: ||x||² = {backend.SquaredNorm(model.Parameters):F3}");

// FedAsync-style mix of client 0, which started from v0 and arrives at v0: staleness 0, a = 0.6.
var baseVersion = model.Version;
const float a = 0.6f;
long staleness0 = model.Version.StalenessOf(baseVersion);
backend.Mix(model.Parameters, clientVectors[0], a);
model.BumpVersion();
double errMix = MaxError(model.Parameters, i => ((1 - (double)a) * x0[i]) + (a * (double)y[0][i]));
Console.WriteLine($"  client 0 (base {baseVersion}) arrives at {baseVersion} (staleness {staleness0}): mix a = {a} -> {model.Version}; " +
                  $"max |error| vs scalar = {errMix:0.00e+0}");

// A second update, also computed from v0, arrives while the server is already at v1: staleness 1, add-scaled with w = 0.5.
float[] afterMix = model.Parameters.ToArray();
const float w = 0.5f;
var arrival1 = model.Version;
long staleness1 = arrival1.StalenessOf(baseVersion);
backend.AddScaled(model.Parameters, clientVectors[1], w);
model.BumpVersion();
double errAxpy = MaxError(model.Parameters, i => afterMix[i] + (w * (double)y[1][i]));
Console.WriteLine($"  client 1 (base {baseVersion}) arrives at {arrival1} (staleness {staleness1}): add-scaled w = {w} -> {model.Version}; " +
                  $"max |error| = {errAxpy:0.00e+0}");

// FedAvg-style weighted sum of all four client models (weights ∝ sample counts 100, 200, 300, 400).
float[] weights = [0.1f, 0.2f, 0.3f, 0.4f];
backend.WeightedSum(clientVectors, weights, model.Parameters);
model.BumpVersion();
double errSum = MaxError(model.Parameters, i =>
{
    double s = 0;
    for (int k = 0; k < clients; k++)
    {
        s += weights[k] * (double)y[k][i];
    }

    return s;
});
Console.WriteLine($"  weighted sum of {clients} clients, weights [{string.Join(", ", weights)}] -> {model.Version}; max |error| = {errSum:0.00e+0}");

// Dot product and squared norm against double-precision references.
double dot = backend.Dot(model.Parameters, clientVectors[3]);
double norm2 = backend.SquaredNorm(model.Parameters);
float[] xs = model.Parameters.ToArray();
double dotRef = 0, normRef = 0;
for (int i = 0; i < d; i++)
{
    dotRef += xs[i] * (double)y[3][i];
    normRef += xs[i] * (double)xs[i];
}

Console.WriteLine($"  <x, y3> = {dot:F3} (reference {dotRef:F3}); ||x||² = {norm2:F3} (reference {normRef:F3}); all finite: {backend.IsAllFinite(model.Parameters)}");

// 3. The same kernels on plain float spans (VectorKernels), in place.
float[] span = [1f, 2f, 3f, 4f, 5f, 6f, 7f];
float[] other = [7f, 6f, 5f, 4f, 3f, 2f, 1f];
VectorKernels.Mix(span, other, 0.25f);
Console.WriteLine();
Console.WriteLine("3. VectorKernels on float[] (d = 7)");
Console.WriteLine($"  mix a = 0.25 of [7..1] into [1..7] -> [{string.Join(", ", span)}]");
VectorKernels.AddScaled(span, other, -1f);
Console.WriteLine($"  then add-scaled w = -1 of [7..1]  -> [{string.Join(", ", span)}]");
VectorKernels.Scale(span, 2f);
Console.WriteLine($"  then scale s = 2                  -> [{string.Join(", ", span)}]; dot with [7..1] = {VectorKernels.Dot(span, other)}");

foreach (var v in clientVectors)
{
    v.Dispose();
}

bool ok = errMix < 1e-5 && errAxpy < 1e-5 && errSum < 1e-5 && Math.Abs(dot - dotRef) <= 1e-4 * Math.Abs(dotRef) + 1e-3
          && Math.Abs(norm2 - normRef) <= 1e-4 * normRef;
Console.WriteLine();
Console.WriteLine(ok ? "All results match the scalar references." : "MISMATCH against the scalar references.");
return ok ? 0 : 1;

static float[] RandomVector(RandomSource rng, int length)
{
    var v = new float[length];
    for (int i = 0; i < length; i++)
    {
        v[i] = (float)rng.NextGaussian();
    }

    return v;
}

static double MaxError(ParameterVector actual, Func<int, double> expected)
{
    float[] values = actual.ToArray();
    double max = 0;
    for (int i = 0; i < values.Length; i++)
    {
        max = Math.Max(max, Math.Abs(values[i] - expected(i)));
    }

    return max;
}
