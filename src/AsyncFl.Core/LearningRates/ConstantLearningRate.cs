using System.Globalization;

namespace AsyncFl;

/// <summary>A constant learning rate γ.</summary>
public sealed class ConstantLearningRate : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="rate">γ, finite and ≥ 0.</param>
    public ConstantLearningRate(double rate)
    {
        if (!double.IsFinite(rate) || rate < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"'{nameof(rate)}' must be a finite number ≥ 0.");
        }

        Rate = rate;
    }

    /// <summary>The rate γ.</summary>
    public double Rate { get; }

    /// <inheritdoc />
    public string Name => "constant(" + Rate.ToString("R", CultureInfo.InvariantCulture) + ")";

    /// <inheritdoc />
    public double GetRate(in LearningRateContext context) => Rate;
}
