namespace AsyncFl.Torch.Training;

/// <summary>The result of evaluating a model on a data set.</summary>
/// <param name="Accuracy">Fraction of samples classified correctly.</param>
/// <param name="Loss">Mean NLL loss.</param>
/// <param name="Count">Number of samples.</param>
public readonly record struct EvaluationResult(double Accuracy, double Loss, int Count);
