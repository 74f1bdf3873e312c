using AsyncFl.Aggregators;
using AsyncFl.Engine;
using AsyncFl.Schedulers;
using AsyncFl.Simulation.Objectives;
using Xunit;
using Xunit.Abstractions;

namespace AsyncFl.Simulation.Tests.Engine;

/// <summary>
/// CA²FL's claim (Wang et al., ICLR 2024) in the simulator: with heterogeneous client objectives and speed-skewed
/// participation, FedBuff settles at a point biased towards the fast clients' optimum, while CA²FL's cached
/// calibration counts every client in every step and gets close to the global optimum. Clients: the tridiagonal
/// quadratic with per-client linear shifts (ζ), a tiered fleet (6 fast / 2 medium / 2 slow, 1 / 3 / 10 s per task).
/// </summary>
public sealed class HeterogeneousDataTests(ITestOutputHelper output)
{
    private const int Clients = 10;

    [Fact]
    public void Ca2FlRemovesTheParticipationBiasThatFedBuffSettlesAt()
    {
        double fedBuff = FinalSuboptimality(useCa2Fl: false, heterogeneity: 1.0);
        double ca2fl = FinalSuboptimality(useCa2Fl: true, heterogeneity: 1.0);
        double fedBuffIid = FinalSuboptimality(useCa2Fl: false, heterogeneity: 0);
        output.WriteLine($"f(x) − f* after 600 s: FedBuff {fedBuff:E3}, CA2FL {ca2fl:E3}; FedBuff on IID clients {fedBuffIid:E3}");

        // FedBuff's gap is the heterogeneity's doing (IID clients: far smaller), and CA²FL closes most of it.
        Assert.True(fedBuff > 20 * fedBuffIid, $"FedBuff {fedBuff} vs IID {fedBuffIid}: no participation bias to remove");
        Assert.True(ca2fl < fedBuff / 20, $"CA2FL {ca2fl} vs FedBuff {fedBuff}");
    }

    /// <summary>f(x) − f* of the global objective after 600 simulated seconds.</summary>
    private static double FinalSuboptimality(bool useCa2Fl, double heterogeneity)
    {
        var objective = new TridiagonalQuadratic(new TridiagonalQuadraticOptions
        {
            Dimension = 10,
            StrongConvexity = 0.05,
            NoiseScale = 1e-4,
            DefaultLearningRate = 0.5,
            PayloadKind = UpdatePayloadKind.ModelDelta,
            ClientCount = heterogeneity > 0 ? Clients : 0,
            Heterogeneity = heterogeneity,
            Seed = 3,
        });
        double[] tau = [1, 1, 1, 1, 1, 1, 3, 3, 10, 10];
        var builder = new FederatedServerBuilder().WithInitialModel(objective.CreateInitialPoint()).UseWorkload(objective).WithSeed(5);
        if (useCa2Fl)
        {
            builder.AddCa2Fl(new Ca2FlOptions { ClientCount = Clients, BufferSize = 5, ServerOptimizer = ServerOptimizers.Sgd(0.5) });
        }
        else
        {
            builder.AddFedBuff(new FedBuffOptions { BufferSize = 5 });
        }

        builder.AddAsynchronous(new AsynchronousSchedulerOptions { Concurrency = Clients, LocalSteps = 2 });
        using var server = builder.Build();
        var result = new VirtualClockSimulator(server, DeviceFleet.FromComputeTimes(tau), new SimulationOptions { MaxTime = 600 }).Run();
        Assert.Equal(StopReason.MaxTime, result.Reason);
        Assert.True(server.GetAccounting().IsBalanced);
        return objective.Suboptimality(server.Model.Parameters);
    }
}
