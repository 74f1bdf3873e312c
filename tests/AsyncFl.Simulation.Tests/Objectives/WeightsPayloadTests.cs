using AsyncFl.Backends;
using AsyncFl.Simulation.Objectives;
using Xunit;
using static AsyncFl.Simulation.Tests.Objectives.ObjectiveTestHelpers;

namespace AsyncFl.Simulation.Tests.Objectives;

/// <summary><see cref="ObjectiveOptions.PayloadKind"/> = <see cref="UpdatePayloadKind.Weights"/>: local SGD returning x_end.</summary>
public class WeightsPayloadTests
{
    [Fact]
    public void WeightsPayloadIsTheEndPointOfLocalSgdAndEqualsBasePlusDelta()
    {
        const int d = 8;
        float[] x = RandomPoint(d, 5);
        using var model = CpuParameterBackend.Instance.FromSpan(x);
        var weights = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0.05, PayloadKind = UpdatePayloadKind.Weights });
        var delta = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = d, NoiseScale = 0.05, PayloadKind = UpdatePayloadKind.ModelDelta });
        var wUpdate = new ClientUpdate(CpuParameterBackend.Instance.Allocate(d));
        var dUpdate = new ClientUpdate(CpuParameterBackend.Instance.Allocate(d));
        weights.Execute(new ClientWork(3, 4, 0.3, 9), model, wUpdate, new RandomSource(11));
        delta.Execute(new ClientWork(3, 4, 0.3, 9), model, dUpdate, new RandomSource(11));

        // Hand computation without noise draws reused: 4 steps x ← x − 0.3·(∇f(x) + c·z_k·𝟙), z_k from the same stream.
        var r = new RandomSource(11);
        double[] xd = x.Select(v => (double)v).ToArray();
        var g = new double[d];
        for (int k = 0; k < 4; k++)
        {
            weights.Gradient(xd.Select(v => (float)v).ToArray(), g);
            double z = 0.05 * r.NextGaussian();
            for (int j = 0; j < d; j++)
            {
                xd[j] -= 0.3 * (g[j] + z);
            }
        }

        float[] w = wUpdate.Payload.ToArray();
        float[] dl = dUpdate.Payload.ToArray();
        for (int j = 0; j < d; j++)
        {
            Assert.Equal(xd[j], w[j], 4);
            Assert.Equal(x[j] + dl[j], w[j], 5); // the same trajectory: weights = base + delta
        }

        Assert.Equal(UpdatePayloadKind.Weights, wUpdate.Kind);
        Assert.Equal(UpdatePayloadKind.Weights, weights.PayloadKind);
        Assert.Equal(4, wUpdate.LocalSteps);
        Assert.Equal(dUpdate.Loss, wUpdate.Loss);
        wUpdate.Payload.Dispose();
        dUpdate.Payload.Dispose();
    }

    [Fact]
    public void UnsupportedPayloadKindIsStillRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new TridiagonalQuadratic(new TridiagonalQuadraticOptions { PayloadKind = UpdatePayloadKind.PseudoGradient }));
        Assert.Contains("Gradient, ModelDelta and Weights", e.Message, StringComparison.Ordinal);
    }
}
