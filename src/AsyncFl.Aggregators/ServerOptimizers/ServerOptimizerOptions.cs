using AsyncFl.Backends;

namespace AsyncFl.Aggregators;

/// <summary>Describes a server optimiser; <see cref="Create"/> makes one for a model.</summary>
public abstract class ServerOptimizerOptions
{
    /// <summary>Server learning rate η.</summary>
    /// <value>The default depends on the optimiser (1 for SGD).</value>
    public double LearningRate { get; set; } = 1.0;

    /// <summary>Creates the optimiser with its state on <paramref name="backend"/>.</summary>
    /// <param name="backend">The backend of the model.</param>
    /// <param name="dimension">The model's dimension.</param>
    /// <returns>The optimiser.</returns>
    public abstract IServerOptimizer Create(IParameterBackend backend, int dimension);

    /// <summary>Adds a message for every invalid option.</summary>
    /// <param name="errors">The list of problems.</param>
    public virtual void AddErrors(List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!double.IsFinite(LearningRate) || LearningRate < 0)
        {
            errors.Add($"ServerOptimizer.{nameof(LearningRate)} must be a finite number ≥ 0 (was {LearningRate}).");
        }
    }
}
