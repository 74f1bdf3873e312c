using AsyncFl.Backends;
using Xunit;
using Checks = AsyncFl.Testing.Invariants;

namespace AsyncFl.Testing.Tests.Invariants;

/// <summary>Each checker fails on an input that breaks its invariant and holds on one that keeps it.</summary>
public sealed class InvariantCheckerTests
{
    [Fact]
    public void ConvexityFailsOutsideTheInputsRange()
    {
        Assert.True(Checks.IsConvexCombination([0.5f, 2f], [[0f, 1f], [1f, 3f]]).Holds);
        var verdict = Checks.IsConvexCombination([1.1f, 2f], [[0f, 1f], [1f, 3f]]);
        Assert.False(verdict.Holds);
        Assert.Contains("coordinate 0", verdict.Detail);
        Assert.Throws<InvariantViolationException>(verdict.Assert);
    }

    [Fact]
    public void FinitenessFailsOnNaNAndInfinity()
    {
        Assert.True(Checks.ModelIsFinite([float.MaxValue, -0f]).Holds);
        Assert.False(Checks.ModelIsFinite([1f, float.NaN]).Holds);
        Assert.False(Checks.ModelIsFinite([float.NegativeInfinity]).Holds);
    }

    [Fact]
    public void ARejectionThatMovedTheModelFails()
    {
        using var model = GlobalModel.Create(CpuParameterBackend.Instance, [1f, 2f]);
        var rejected = AggregationOutcome.Rejected(RejectionReason.NonFinite, model.Version);
        Assert.True(Checks.RejectionLeavesModelUnchanged(rejected, [1f, 2f], model.Version, model).Holds);
        Assert.False(Checks.RejectionLeavesModelUnchanged(rejected, [1f, -2f], model.Version, model).Holds);
        Assert.False(Checks.RejectionLeavesModelUnchanged(rejected, [1f, 2f], new ModelVersion(1), model).Holds);
        Assert.False(Checks.RejectionLeavesModelUnchanged(rejected, [1f], model.Version, model).Holds);
    }

    [Fact]
    public void TheConvergenceCheckFailsAboveTheBound()
    {
        var bound = new QuadraticConvergenceBound(0.5, 1, 0);
        Assert.True(Checks.WithinConvergenceBound(1, 0.25, 1, bound).Holds);
        Assert.False(Checks.WithinConvergenceBound(1, 0.3, 1, bound).Holds);
    }
}
