using AsyncFl.Backends;
using AsyncFl.Simulation.Objectives;
using Xunit;

namespace AsyncFl.Simulation.Tests.Objectives;

/// <summary>A task's client learning-rate schedule sets the rate of every local SGD step of the synthetic objectives.</summary>
public class ClientScheduleTests
{
    private static float[] Delta(in ClientWork work)
    {
        var q = new TridiagonalQuadratic(new TridiagonalQuadraticOptions { Dimension = 8, PayloadKind = UpdatePayloadKind.ModelDelta, DefaultLearningRate = 0.3 });
        var cpu = CpuParameterBackend.Instance;
        using var x = cpu.FromSpan(q.CreateInitialPoint());
        using var payload = cpu.Allocate(8);
        q.Execute(in work, x, new ClientUpdate(payload), RandomSource.Create(5, work.TaskId));
        return payload.ToArray();
    }

    [Fact]
    public void AConstantScheduleIsTheConstantRate_AndItOverridesTheWorkloadsDefault()
    {
        var byRate = Delta(new ClientWork(0, 4, 0.1, 7));
        var bySchedule = Delta(new ClientWork(0, 4, double.NaN, 7) { LearningRateSchedule = new ConstantLearningRate(0.1) });
        Assert.Equal(byRate, bySchedule);
        Assert.NotEqual(Delta(new ClientWork(0, 4, double.NaN, 7)), bySchedule);
    }

    [Fact]
    public void TheScheduleIsAskedPerLocalStep()
    {
        // Rate 0.1 at step 0, 0 afterwards: four local steps move the model exactly as one step at 0.1.
        var oneStep = Delta(new ClientWork(0, 1, 0.1, 7));
        var firstOnly = Delta(new ClientWork(0, 4, double.NaN, 7) { LearningRateSchedule = new FirstStepOnly(0.1) });
        Assert.Equal(oneStep, firstOnly);
    }

    private sealed class FirstStepOnly(double rate) : ILearningRateSchedule
    {
        public string Name => "first-step-only";

        public double GetRate(in LearningRateContext context) => context.Step == 0 ? rate : 0;
    }
}
