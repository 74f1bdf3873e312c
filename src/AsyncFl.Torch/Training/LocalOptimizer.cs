namespace AsyncFl.Torch.Training;

/// <summary>The client's local optimizer.</summary>
public enum LocalOptimizer
{
    /// <summary>Adam with PyTorch defaults β = (0.9, 0.999), ε = 1e-8 (the seed paper's choice).</summary>
    Adam = 0,

    /// <summary>Plain SGD, optionally with momentum.</summary>
    Sgd = 1,
}
