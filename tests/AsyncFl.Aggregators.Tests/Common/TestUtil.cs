namespace AsyncFl.Aggregators.Tests;

internal static class TestUtil
{
    public static readonly CpuParameterBackend Cpu = CpuParameterBackend.Instance;

    public static GlobalModel Model(params float[] x) => GlobalModel.Create(Cpu, x);

    private static long s_nextId = 1_000_000;

    public static ClientUpdate Update(UpdatePayloadKind kind, float[] payload, long baseVersion = 0, int client = 0, int samples = 1, long? id = null)
    {
        var v = Cpu.FromSpan(payload);
        return new ClientUpdate(v)
        {
            Kind = kind,
            BaseVersion = baseVersion,
            ClientId = client,
            SampleCount = samples,
            UpdateId = id ?? Interlocked.Increment(ref s_nextId),
        };
    }

    public static SubmitOptions Opt(double weight = 1.0, double lr = double.NaN) => new() { Weight = weight, LearningRate = lr };

    public static void Near(double expected, double actual, double tol = 1e-6) =>
        Assert.True(Math.Abs(expected - actual) <= tol * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    public static void Near(double[] expected, float[] actual, double tol = 1e-6)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
