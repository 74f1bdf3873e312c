namespace AsyncFl.Torch.Modules;

/// <summary>One tensor of a module and where it sits in the flat vector.</summary>
/// <param name="Name">The qualified name (<c>conv1.weight</c>, <c>bn.running_mean</c>).</param>
/// <param name="Offset">Index of its first element in the flat vector.</param>
/// <param name="Length">Number of elements.</param>
/// <param name="Shape">The tensor's shape.</param>
/// <param name="IsBuffer">Whether it is a (floating) buffer rather than a parameter.</param>
public sealed record ModuleVectorEntry(string Name, int Offset, int Length, long[] Shape, bool IsBuffer);
