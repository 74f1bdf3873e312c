namespace AsyncFl.Torch.Training;

/// <summary>What <see cref="ClientWork.LocalSteps"/> counts for <see cref="TorchClientTrainer"/>.</summary>
public enum LocalWorkUnit
{
    /// <summary>Local epochs (full passes over the client's data), as in the seed paper.</summary>
    Epochs = 0,

    /// <summary>Minibatch steps (passes restart, reshuffled, when the data runs out).</summary>
    Steps = 1,
}
