using System.Globalization;

namespace AsyncFl.Torch.Training;

/// <summary>Options of <see cref="TorchClientTrainer"/>. Defaults follow the seed paper (spec §1.1, §1.5, §1.9).</summary>
public sealed class TorchTrainerOptions
{
    /// <summary>What <see cref="ClientWork.LocalSteps"/> counts.</summary>
    /// <value>The default value is <see cref="LocalWorkUnit.Epochs"/>.</value>
    public LocalWorkUnit Unit { get; set; } = LocalWorkUnit.Epochs;

    /// <summary>Minibatch size (the last batch of an epoch may be smaller).</summary>
    /// <value>The default value is 64.</value>
    public int BatchSize { get; set; } = 64;

    /// <summary>The local optimizer.</summary>
    /// <value>The default value is <see cref="LocalOptimizer.Adam"/>.</value>
    public LocalOptimizer Optimizer { get; set; } = LocalOptimizer.Adam;

    /// <summary>SGD momentum (ignored by Adam).</summary>
    /// <value>The default value is 0.</value>
    public double Momentum { get; set; }

    /// <summary>Base learning rate γ₀ of the default schedule <c>γ₀ / (√(e+1)·(1 + α·D))</c>, the seed paper's
    /// <see cref="DelayAwareLearningRate"/> with the configured delay D (<see cref="DelayMeasure.ConfiguredMaxDelay"/>).</summary>
    /// <value>The default value is 1e-3.</value>
    public double LearningRate { get; set; } = 1e-3;

    /// <summary>Delay scaling α of the default schedule.</summary>
    /// <value>The default value is 0.01.</value>
    public double DelayScaling { get; set; } = 0.01;

    /// <summary>The delay D (seconds) the default schedule uses; the seed paper's code uses its configured maximum delay.</summary>
    /// <value>The default value is 2.</value>
    public double ConfiguredDelaySeconds { get; set; } = 2.0;

    /// <summary>
    /// A schedule that replaces the default one. It is asked once per local epoch with
    /// <see cref="LearningRateContext.Step"/> = the epoch index <c>e</c> (0-based, restarting every task) and
    /// <see cref="LearningRateContext.DelaySeconds"/> = <see cref="ConfiguredDelaySeconds"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (the seed paper's schedule built from the options above).</value>
    public ILearningRateSchedule? Schedule { get; set; }

    /// <summary>Whether a fresh optimizer (fresh Adam moments) is built at every local epoch, as the seed paper's code does.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ResetOptimizerEachEpoch { get; set; } = true;

    /// <summary>Early-stopping patience in epochs on the mean epoch loss (spec §1.5); 0 disables. Only in <see cref="LocalWorkUnit.Epochs"/> mode.</summary>
    /// <value>The default value is 10.</value>
    public int EarlyStoppingPatience { get; set; } = 10;

    /// <summary>The improvement an epoch loss must make over the best so far to reset the patience counter.</summary>
    /// <value>The default value is 0 (any strict improvement).</value>
    public double EarlyStoppingMinDelta { get; set; }

    /// <summary>FedProx proximal coefficient μ: the local loss gets <c>(μ/2)·‖w − w_base‖²</c>; 0 disables.</summary>
    /// <value>The default value is 0.</value>
    public double ProxMu { get; set; }

    /// <summary>Whether floating buffers (BatchNorm running statistics) are part of the parameter vector.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IncludeFloatingBuffers { get; set; }

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> listing every problem.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Unit))
        {
            errors.Add($"Unit: {Unit} is not a defined value.");
        }

        if (!Enum.IsDefined(Optimizer))
        {
            errors.Add($"Optimizer: {Optimizer} is not a defined value.");
        }

        if (BatchSize < 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"BatchSize must be ≥ 1 (was {BatchSize})."));
        }

        Check(errors, nameof(Momentum), Momentum, 0, 1, upperOpen: true);
        if (!double.IsFinite(LearningRate) || LearningRate <= 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"LearningRate must be a finite number > 0 (was {LearningRate})."));
        }

        Check(errors, nameof(DelayScaling), DelayScaling, 0, double.MaxValue, upperOpen: false);
        Check(errors, nameof(ConfiguredDelaySeconds), ConfiguredDelaySeconds, 0, double.MaxValue, upperOpen: false);
        if (EarlyStoppingPatience < 0)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"EarlyStoppingPatience must be ≥ 0 (was {EarlyStoppingPatience})."));
        }

        Check(errors, nameof(EarlyStoppingMinDelta), EarlyStoppingMinDelta, 0, double.MaxValue, upperOpen: false);
        Check(errors, nameof(ProxMu), ProxMu, 0, double.MaxValue, upperOpen: false);
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid TorchTrainerOptions: " + string.Join(" ", errors));
        }
    }

    private static void Check(List<string> errors, string name, double value, double min, double max, bool upperOpen)
    {
        if (!double.IsFinite(value) || value < min || value > max || (upperOpen && value >= max))
        {
            string range = upperOpen ? $"[{min}, {max})" : $"≥ {min}";
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be a finite number {range} (was {value})."));
        }
    }
}
